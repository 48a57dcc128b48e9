"""`workshop room`: the debrief site, live: participants vote and answer, the facilitator reveals."""
