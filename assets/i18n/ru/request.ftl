## The request's life: an action its status does not allow.

request-transition-not-allowed = с заявкой в статусе «{ $status }» это действие невозможно
