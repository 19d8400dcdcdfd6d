var countries = require('./countries.json');

module.exports.byIso = function (code) {
  for (var i = 0; i < countries.length; i++) {
    if (countries[i].iso2 === code || countries[i].iso3 === code) return countries[i];
  }
  return null;
};
