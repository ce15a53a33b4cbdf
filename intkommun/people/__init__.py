"""People and roles: a kommun's coordinator invites users, gives and removes their
roles, and deactivates those who leave, without Django admin."""
