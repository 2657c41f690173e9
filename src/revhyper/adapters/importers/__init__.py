"""Reading and writing the files of the training log: backups, set CSVs, Strong and Hevy exports."""
