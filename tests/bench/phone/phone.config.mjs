// Lighthouse settings for tests/bench/bench_phone.py: the default (mobile) preset, performance only, with the
// quiet windows of Lighthouse's DevTools throttling preset (5.25 s instead of 1 s). A Streamlit page is quiet
// on the network while its server runs the script (websocket open, nothing fetched); with 1 s Lighthouse
// stopped before the app's first run arrived and measured an empty page.
export default {
  extends: 'lighthouse:default',
  settings: {
    onlyCategories: ['performance'],
    pauseAfterFcpMs: 5250,
    pauseAfterLoadMs: 5250,
    networkQuietThresholdMs: 5250,
    cpuQuietThresholdMs: 5250,
  },
};
