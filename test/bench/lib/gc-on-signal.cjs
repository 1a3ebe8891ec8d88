// Bench instrument, preloaded into the API and the baseline for the memory figures (never in production):
// SIGUSR2 runs a full garbage collection, so an RSS reading measures what the process retains,
// not garbage that V8 has not got round to collecting yet.
process.on('SIGUSR2', () => {
  if (typeof global.gc === 'function') global.gc();
});
