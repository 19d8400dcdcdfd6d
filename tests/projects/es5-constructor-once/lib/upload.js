var partsByUser = {};

function Upload(user) {
  this.user = user;
  partsByUser[user] = [];
}

Upload.prototype.write = function (data) {
  partsByUser[this.user].push(data);
};

module.exports = Upload;
