# Deadlines recomputed after a calendar import (issue 15, item 5).
deadlines-recomputed = { $count ->
    [one] пересчитан срок { $count } заявки
    [few] пересчитаны сроки { $count } заявок
    [many] пересчитаны сроки { $count } заявок
   *[other] пересчитаны сроки { $count } заявки
}
