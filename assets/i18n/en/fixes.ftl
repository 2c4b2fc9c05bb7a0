# Fixes seen in the real window: the login's last step after the search index is built
# (src/ui/login.rs).
fixes-opening-encrypting = Step 2 of 2: encrypting the store… The search index is ready; the login goes on by itself when this ends.
fixes-opening-finishing = Saving the search index… The login goes on by itself when this ends.
fixes-opening-no-cancel = This step cannot be stopped safely: please wait.
