function parse(path) {
  var parts = path.split('/');
  var params = [];
  var part;
  while ((part = parts.shift()) !== undefined) {
    if (part.charAt(0) === ':') params.push(part.slice(1));
  }
  return params;
}

module.exports = { parse: parse };
