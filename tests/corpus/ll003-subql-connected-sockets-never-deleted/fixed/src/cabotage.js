const graphql = require('graphql');
var { connected } = require('./socketdata.js');
const db = {};

const mroot = {};
const otypes = {};
const operations = {};
var storedSchema = '';

function registerResolver(...rootFn) {
  rootFn.forEach((fn) => {
    mroot[fn.name] = wrapResolver(fn);
  });
}

function getRoot() {
  return mroot;
}

function identifierOf(typeName, value) {
  return otypes[typeName].keys.reduce((acc, curr) => acc + curr + value[curr], '');
}

// a mutation resolver: tell every socket subscribed to the changed object
function wrapResolver(fn) {
  return function (...args) {
    let ret = fn(...args);
    let uniqIdentifier = identifierOf(ret.constructor.name, ret);
    if (db[uniqIdentifier] !== undefined) {
      db[uniqIdentifier].forEach((socketid) => {
        if (connected[socketid] !== undefined) {
          connected[socketid].emit(socketid, `${socketid} data was mutated`);
        }
      });
    }
    return ret;
  };
}

function registerType(classFn, ...uniqKeys) {
  otypes[classFn.name] = { name: classFn.name, classType: classFn, keys: uniqKeys };
}

function parseSchema(schema) {
  storedSchema = schema;
  graphql.parse(schema).definitions.forEach((ele) => {
    if (ele.name.value === 'Query' || ele.name.value === 'Mutation') {
      ele.fields.forEach((field) => {
        operations[field.name.value] = { name: field.name.value, type: ele.name.value, value: field.type.name.value };
      });
    }
  });
}

function handleSubscribe(query, socketid) {
  const root = Object.assign({}, getRoot());
  Object.keys(root).forEach((resolverName) => {
    if (operations[resolverName].type === 'Query') {
      let oldResolver = root[resolverName];
      root[resolverName] = function (...args) {
        let ret = oldResolver(...args);
        let uniqIdentifier = identifierOf(operations[resolverName].value, ret);
        db[uniqIdentifier] = !db[uniqIdentifier] ? [socketid] : [...db[uniqIdentifier], socketid];
        return ret;
      };
    }
  });

  graphql.graphql(graphql.buildSchema(storedSchema), query.query, root).then((result) => {
    connected[socketid].emit(socketid, result);
  });
}

function handleDisconnect(socketid) {
  Object.keys(db).forEach((uniqIdentifier) => {
    let socketIndex = db[uniqIdentifier].indexOf(socketid);
    if (socketIndex >= 0) {
      db[uniqIdentifier].splice(socketIndex, 1);
    }
  });

  delete connected[socketid];
}

module.exports = {
  registerResolver,
  getRoot,
  registerType,
  parseSchema,
  handleDisconnect,
  handleSubscribe
};
