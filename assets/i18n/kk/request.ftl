## The request's life: an action its status does not allow.

request-transition-not-allowed = «{ $status }» мәртебесіндегі өтінімге бұл әрекетті жасауға болмайды
