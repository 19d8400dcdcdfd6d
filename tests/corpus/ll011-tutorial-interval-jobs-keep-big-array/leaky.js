// expect: LL001
const pendingJobs = [];

setInterval(() => {
  const samples = new Array(80000).fill(null).map(() => ({ value: Math.random() }));
  // expect: LL011
  pendingJobs.push(() => samples.length);
}, 300);

setInterval(() => {
  const job = pendingJobs[0];
  if (job) console.log('next job size', job());
}, 1000);
