# Acre — English. Keys must match the other locales (a test checks).

app-name = Acre
app-tagline = Everyone tends one acre · sales customer management

## Navigation
nav-home = Home
nav-users = Users
nav-departments = Departments
nav-settings = Settings
nav-logout = Log out
nav-toggle = Toggle navigation

## Login
login-title = Log in
login-submit = Log in
login-demo-title = Demo accounts
login-demo-password = Password of every demo account:

## Home
home-title = Home
home-welcome = Hello, { $name }
home-profile = About me
home-capabilities = What I may do
home-team = People I can see

## Settings
settings-title = Settings
settings-password = Change password
settings-password-hint = At least 8 characters; long passphrases are welcome. Other devices are signed out after a change.
settings-tokens = API tokens
settings-tokens-hint = Personal API tokens call /api/v1/ as Authorization: Bearer, with your own permissions.
settings-token-once = Copy this token now; it is shown only once:
settings-token-name = Token name
settings-token-create = Create token
settings-token-prefix = Prefix
settings-token-last-used = Last used
settings-token-revoke = Revoke

## Users
users-title = Users
users-new = New user
users-edit = Edit user: { $name }
users-reset-password = Reset password
users-reset = Reset
users-reset-hint = All of the user's sessions end at once.

## Departments
departments-title = Departments
departments-new = New department
departments-edit = Edit department: { $name }
departments-members = Members
departments-delete-hint = Only departments without members or sub-departments can be deleted.

## First setup
setup-title = Create the administrator
setup-hint = There are no accounts yet. Create the first system administrator; this link works once.
setup-submit = Create and sign in

## Fields
field-username = Username
field-password = Password
field-display-name = Name
field-name = Name
field-role = Role
field-department = Department
field-superior = Direct superior
field-supervisor = My supervisor
field-scope = Data scope
field-language = Language
field-email = Email
field-phone = Phone
field-status = Status
field-head = Head
field-parent = Parent department
field-sort-order = Order
field-created-at = Created
field-initial-password = Initial password
field-current-password = Current password
field-new-password = New password
field-confirm-password = Confirm new password

## Actions and lists
action-save = Save
action-back = Back
action-cancel = Cancel
action-delete = Delete
action-search = Search
list-empty = Nothing here yet
list-total = { $count } in total
list-total-over = more than { $count }
list-prev = Previous
list-next = Next
status-active = Active
status-disabled = Disabled
history-title = History

## Notices
flash-saved = Saved.
flash-deleted = Deleted.
flash-password-changed = Password changed; other devices have been signed out.
flash-password-reset = Password reset; the user must sign in again.
flash-token-revoked = Token revoked.

## History
audit-created = created
audit-updated = changed
audit-deleted = deleted
audit-password_changed = changed the password
audit-password_reset = reset the password

## Roles (ORG1)
role-general_manager = General manager
role-director = Key-account director
role-manager = Key-account manager
role-rep = Sales rep
role-assistant = Sales assistant
role-finance = Finance
role-admin = System administrator

## Capabilities
cap-administer_accounts = Manage users and departments
cap-read_sales_materials = Read sales materials
cap-edit_all_sales_materials = Edit all sales materials
cap-edit_customers = Register and maintain customers
cap-allocate_customers = Allocate and reclaim customers
cap-approve = Approve subordinates' requests
cap-edit_payments = Record payments
cap-edit_documents = Edit quotes and contracts
cap-purge_trash = Purge records from the trash

## Data scope
scope-own = Own and shared with me
scope-subtree = My department and below
scope-all = Everything

## Errors
err-bad-request = The request is malformed.
err-unauthenticated = Please log in.
err-invalid-credentials = Wrong username or password.
err-csrf = The page has expired or the request did not come from Acre. Reload the page and try again.
err-forbidden = You are not allowed to do this.
err-not-found = Not found, or not visible to you.
err-stale = Not saved: someone else saved this record first. Reload and make your change again.
err-in-use = This record is in use and cannot be deleted.
err-validation = Please correct the marked fields.
err-throttled = Too many failed logins. Try again in 15 minutes.
err-unavailable = The database is unavailable. Try again shortly.
err-internal = Internal server error. Try again shortly.
err-required = Required.
err-taken = Already taken; choose another.
err-name-required = Enter a name (at most 50 characters).
err-username-length = A username has 2–32 characters.
err-username-chars = Use lower-case letters, digits and . _ - only.
err-password-short = A password needs at least 8 characters.
err-password-long = A password can have at most 256 characters.
err-password-common = This password is too common and easy to guess. Choose another.
err-password-username = The password must differ from the username.
err-password-mismatch = The new passwords do not match.
err-current-password = The current password is wrong.
err-role = Choose a role.
err-locale = Unsupported language.
err-no-such-department = No such department.
err-no-such-user = No such user.
err-department-cycle = A department cannot move under itself or its own sub-department.
err-department-in-use = The department still has members or sub-departments.
err-superior-self = A user cannot be their own superior.
err-superior-cycle = Superiors cannot form a loop.
err-self-lockout = You cannot disable yourself or change your own role.
err-email = Not a valid email address.
err-phone = Use digits, spaces and + - ( ) only.
err-version-required = Send the record's version (it protects others' changes).
