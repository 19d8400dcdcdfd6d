function readInt(buffer) {
  var length = buffer.readLength();
  // expect: LL012
  value = 0;
  for (var i = 0; i < length; i++) {
    value = value * 256 + buffer.readByte();
  }
  return value;
}

exports.readInt = readInt;
