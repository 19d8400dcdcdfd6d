async function runAnalytics(options = {}) {
  console.log('analytics', options.openTo || 'dashboard');
}

module.exports = { runAnalytics };
