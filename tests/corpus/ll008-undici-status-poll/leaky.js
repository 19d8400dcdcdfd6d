const { fetch } = require('undici');

async function main() {
  for (let i = 0; i <= 5000; i++) {
    // expect: LL008
    const res = await fetch(`https://jsonplaceholder.typicode.com/photos/${i}`);
    if (i % 50 === 0) console.log({ i, status: res.status, heapUsed: process.memoryUsage().heapUsed });
  }
}

main().catch(console.error);
