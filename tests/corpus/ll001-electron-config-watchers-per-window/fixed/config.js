import chokidar from 'chokidar';

const watchers = [];
let current = {};

export const subscribe = (fn) => {
  watchers.push(fn);
  return () => {
    watchers.splice(watchers.indexOf(fn), 1);
  };
};

export const getConfig = () => current;

export const setup = (path) => {
  chokidar.watch(path).on('change', () => {
    current = loadConfig(path);
    watchers.forEach((fn) => fn());
  });
};
