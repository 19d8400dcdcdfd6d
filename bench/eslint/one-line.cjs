// A formatter that prints one line, so that what is timed is linting, not output.
module.exports = (results) => {
  let messages = 0;
  for (const result of results) messages += result.messages.length;
  return `${results.length} files, ${messages} messages`;
};
