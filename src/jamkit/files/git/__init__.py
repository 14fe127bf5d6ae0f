"""A pull request's change read from git objects, and the checkout of the versions a check reads."""
