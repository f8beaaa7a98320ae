// Placeholder until the libxl layer lands.
