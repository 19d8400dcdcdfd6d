var openStores = {};

exports.storeFor = function (name) {
  if (!openStores[name]) {
    openStores[name] = { name: name, files: [] };
  }
  return openStores[name];
};
