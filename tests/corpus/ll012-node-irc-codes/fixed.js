function buildCodes(raw) {
  var codes = {};
  Object.keys(raw).forEach(function (number) {
    codes[number] = { name: raw[number][0], type: raw[number][1] };
  });
  return codes;
}

module.exports = buildCodes(require('./raw-codes.json'));
