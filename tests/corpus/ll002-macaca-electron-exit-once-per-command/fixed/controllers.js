'use strict';

const controllers = {};

controllers.get = async function(url) {
  return await this.send({ action: 'get', args: [url] });
};

controllers.getText = async function(elementId) {
  return await this.send({ action: 'getText', args: [elementId] });
};

controllers.click = async function(elementId) {
  return await this.send({ action: 'click', args: [elementId] });
};

controllers.execute = async function(script, args) {
  return await this.send({ action: 'execute', args: [script, args] });
};

module.exports = controllers;
