"""The parts of :class:`peersupport.Policy`, one module per concept, merged into one flat model."""
