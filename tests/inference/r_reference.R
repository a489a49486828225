# Reference null distributions from R sna, for tests/inference/test_r_reference.py.
#
# Usage: Rscript tests/inference/r_reference.R INPUT_DIR OUTPUT_CSV [REPS] [SEED]
# INPUT_DIR holds what tests/inference/r_inputs.py writes: <name>.csv (first line "n,<n>", then 1-based
# undirected ties) and <name>_layer1.csv / <name>_layer2.csv. For each graph, sna::cug.test with
# cmode="edges" (uniform graphs with the same number of ties) of transitivity (gtrans), degree and
# betweenness centralization (Freeman, normalised); for each pair of layers sna::qaptest of gcor.
# Writes one row per graph, statistic and null model: observed, null_mean, null_sd, p_lower (plteobs),
# p_upper (pgteobs), reps, and the sna and R versions. Debian: r-base-core r-cran-sna r-cran-network.
suppressPackageStartupMessages(library(sna))
args <- commandArgs(trailingOnly = TRUE)
input <- args[1]
output <- args[2]
reps <- if (length(args) >= 3) as.integer(args[3]) else 5000L
seed <- if (length(args) >= 4) as.integer(args[4]) else 20231031L
set.seed(seed)

read_graph <- function(path) {
  lines <- readLines(path)
  n <- as.integer(strsplit(lines[1], ",")[[1]][2])
  m <- matrix(0, n, n)
  if (length(lines) > 1) {
    ties <- do.call(rbind, lapply(strsplit(lines[-1], ","), as.integer))
    m[ties] <- 1
    m[ties[, 2:1, drop = FALSE]] <- 1
  }
  m
}

statistics <- list(
  transitivity = function(x) gtrans(x, mode = "graph"),
  degree_centralization = function(x) centralization(x, degree, mode = "graph"),
  betweenness_centralization = function(x) centralization(x, betweenness, mode = "graph")
)

row <- function(graph, statistic, model, test, reps) {
  data.frame(graph = graph, statistic = statistic, null_model = model, observed = test$obs,
             null_mean = mean(test$rep), null_sd = sd(test$rep), p_lower = test$plteobs,
             p_upper = test$pgteobs, reps = reps, sna = as.character(packageVersion("sna")),
             r = paste(R.version$major, R.version$minor, sep = "."))
}

rows <- list()
singles <- sort(sub("\\.csv$", "", list.files(input, pattern = "^[a-z]+\\.csv$")))
for (name in singles) {
  g <- read_graph(file.path(input, paste0(name, ".csv")))
  for (s in names(statistics)) {
    test <- cug.test(g, statistics[[s]], mode = "graph", cmode = "edges", reps = reps)
    rows[[length(rows) + 1]] <- row(name, s, "edges", list(obs = test$obs.stat, rep = test$rep.stat,
                                    plteobs = test$plteobs, pgteobs = test$pgteobs), reps)
  }
  pair <- file.path(input, paste0(name, c("_layer1.csv", "_layer2.csv")))
  if (all(file.exists(pair))) {
    layers <- list(read_graph(pair[1]), read_graph(pair[2]))
    q <- qaptest(layers, gcor, g1 = 1, g2 = 2, reps = reps)
    rows[[length(rows) + 1]] <- row(name, "graph_correlation", "qap", list(obs = q$testval, rep = q$dist,
                                    plteobs = q$pleeq, pgteobs = q$pgreq), reps)
  }
}
write.csv(do.call(rbind, rows), output, row.names = FALSE)
