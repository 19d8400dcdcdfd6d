const { fetch } = require('undici');

async function main() {
  for (let i = 0; i <= 5000; i++) {
    const res = await fetch(`https://jsonplaceholder.typicode.com/photos/${i}`);
    await res.body.cancel();
    if (i % 50 === 0) console.log({ i, status: res.status, heapUsed: process.memoryUsage().heapUsed });
  }
}

main().catch(console.error);
