var stores = require('./stores');

var sessionsByUser = {};

function Session(user, id) {
  this.user = user;
  this.id = id;
  if (!sessionsByUser[user]) {
    sessionsByUser[user] = {};
  }
  sessionsByUser[user][id] = this;
  this.store = stores.storeFor(user);
}

Session.prototype.release = function () {
  var user = this.user;
  var id = this.id;
  return function () {
    delete sessionsByUser[user][id];
    if (Object.keys(sessionsByUser[user]).length === 0) {
      delete sessionsByUser[user];
    }
  };
};

Session.open = function (user, id) {
  return new Session(user, id);
};

module.exports = Session;
