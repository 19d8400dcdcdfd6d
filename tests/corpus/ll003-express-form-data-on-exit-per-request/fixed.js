"use strict";

const multipart = require("connect-multiparty");
const fse = require("fs-extra");
const fs = require("fs");
const onExit = require("signal-exit");
const formData = {};

function autoClean(files, onExitRemover) {
  const clean = [];

  format(files, (file) => {
    file instanceof fs.ReadStream && file.destroy && file.destroy();
    if (typeof file != "object" || typeof file.path != "string") {
      return null;
    }
    clean.push(fse.remove(file.path).catch((err) => {
      if (err.code != "ENOENT") throw err;
    }));
    return file;
  });

  // the files are gone: the exit handler has nothing left to clean
  Promise.all(clean)
    .then(() => onExitRemover && onExitRemover())
    .catch((err) => console.warn(err.stack));
}

function cleanSync(files) {
  format(files, (file) => {
    file instanceof fs.ReadStream && file.destroy && file.destroy();
    if (typeof file != "object" || typeof file.path != "string") {
      return;
    }
    try {
      fse.removeSync(file.path);
    } catch (err) {
      console.warn(err.stack);
    }
  });
}

function format(obj, fn) {
  for (let k in obj) {
    if (Array.isArray(obj[k])) {
      obj[k] = obj[k].map(fn).filter(Boolean);
      if (!obj[k].length) {
        delete obj[k];
      }
    } else if (obj[k] && typeof obj[k] == "object" && !obj[k].hasOwnProperty("originalFilename") && !(obj[k] instanceof fs.ReadStream)) {
      format(obj[k], fn);
      if (!Object.keys(obj[k]).length) {
        delete obj[k];
      }
    } else {
      obj[k] = fn(obj[k]);
      if (!obj[k]) {
        delete obj[k];
      }
    }
  }
}

formData.parse = function (options) {
  return function (req, res) {
    if (options && options.autoClean) {
      const onExitRemover = onExit(() => cleanSync(req.files));
      req.on("close", () => autoClean(req.files, onExitRemover));
      res.on("finish", () => autoClean(req.files, onExitRemover));
    }

    return multipart(options).apply(this, arguments);
  };
};

formData.union = function () {
  return function (req, res, next) {
    Object.assign(req.body, req.files);
    next();
  };
};

module.exports = formData;
