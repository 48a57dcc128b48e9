"""`workshop serve`: the debrief site served while the trainer writes, rebuilt on every save."""
