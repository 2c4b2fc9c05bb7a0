# Deadlines recomputed after a calendar import (issue 15, item 5).
deadlines-recomputed = { $count ->
    [one] due date recomputed for { $count } request
   *[other] due dates recomputed for { $count } requests
}
