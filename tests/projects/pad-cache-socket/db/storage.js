exports.load = async (id) => `text of ${id}`;
