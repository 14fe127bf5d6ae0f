"""Benchmark ``jam check --pr`` and ``jam check`` on a synthetic repository of many projects, or ``jam award``.

Not a timed test: it builds a committed git repository of N projects (each with
a PDF), opens a pull-request branch that adds one submission, and measures the
wall time and peak memory (max RSS of jam and its git children, from
``getrusage(RUSAGE_CHILDREN)`` in a fresh wrapper process per run).

    scripts/bench [--projects 10000] [--sprints 50] [--runs 5] [--keep DIR] [--write docs/performance.md]
    scripts/bench --site 1000,10000 [--runs 1] [--profile 1000] [--write FILE]
    scripts/bench --award [--projects 500] [--judges 60] [--reviews 3] [--runs 3]
    scripts/bench search --site SITE [--material SITE] [--query TEXT] [--runs 3]
    scripts/bench --time-parts ROOT SITE

``--site`` times the whole pipeline on realistic repositories of those sizes,
against plain MkDocs on the same pages (``benchmarks.site``); ``--award``
times ``jam award`` on one judged sprint (``benchmarks.award``).
``search`` measures the site search (``benchmarks.search``); ``--time-parts`` builds ROOT into SITE in
this process with a clock around each part and prints the seconds as JSON (``benchmarks.parts``).
"""
