# Reference fit for tests/judging/test_adjusted.py, run once by hand (R and lme4 are
# never a runtime or test dependency): apt-get install -y r-cran-lme4, then
#   Rscript scripts/reference/lme4_messy.R
# It fits the organisation's model to tests/judging/data/messy-ratings.csv and prints
# the variance components, each project's score (intercept + its effect) and the
# conditional standard deviation of its effect; the test holds these numbers.
suppressMessages(library(lme4))
d <- read.csv("tests/judging/data/messy-ratings.csv")
m <- lmer(rating ~ 1 + (1|judge) + (1|criterion) + (1|project), data = d, REML = TRUE)
print(VarCorr(m), comp = "Variance")
cat("intercept", format(fixef(m), digits = 8), "\n")
re <- ranef(m, condVar = TRUE)
p <- re$project
out <- data.frame(
  project = rownames(p),
  score = fixef(m) + p[, 1],
  condsd = sqrt(attr(p, "postVar")[1, 1, ])
)
print(out[order(-out$score), ], digits = 6, row.names = FALSE)
print(re$judge)
