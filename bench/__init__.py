"""The build benchmark: synthetic datasets, timings, sizes and memory (`make bench`)."""
