const CHANGELOG = 'https://raw.githubusercontent.com/nodejs/node/main/doc/changelogs/CHANGELOG_V20.md';

async function warmUp() {
  for (let i = 0; i < 1000; i++) {
    // expect: LL008
    await fetch(CHANGELOG);
    console.log(process.memoryUsage().rss);
  }
}

warmUp().catch((err) => console.error(err));
