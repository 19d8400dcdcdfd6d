const pendingJobs = [];
const MAX_PENDING = 100;

setInterval(() => {
  const samples = new Array(80000).fill(null).map(() => ({ value: Math.random() }));
  const sampleCount = samples.length;
  pendingJobs.push(() => sampleCount);
  if (pendingJobs.length > MAX_PENDING) pendingJobs.shift();
}, 300);

setInterval(() => {
  const job = pendingJobs[0];
  if (job) console.log('next job size', job());
}, 1000);
