"""`jam check --pr`: the pull request as the policy sees it, the policy rules, and the check of a change."""
