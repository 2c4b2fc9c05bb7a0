## The request's life: an action its status does not allow.

request-transition-not-allowed = this action is not possible for a request in status “{ $status }”
