// The V8 flags a civgrid server process runs with. The heap is capped (CIVGRID_HEAP_MB, default 448 MB)
// so that V8 collects garbage before the process grows large: uncapped on a big machine, the ingest path
// let its heap grow to 600–750 MB of garbage between collections; capped at 384 MB its peak was 302 MB
// at the same speed (bench --events 5000000).
export function serverNodeFlags(env = process.env) {
  const heapMb = Number(env.CIVGRID_HEAP_MB) > 0 ? Number(env.CIVGRID_HEAP_MB) : 448;
  return [`--max-old-space-size=${heapMb}`];
}
