# Deadlines recomputed after a calendar import (issue 15, item 5).
deadlines-recomputed = { $count } өтініштің мерзімі қайта есептелді
