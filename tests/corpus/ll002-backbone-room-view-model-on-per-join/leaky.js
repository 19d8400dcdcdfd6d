// A chat client: one pane view per joined room, made when the user joins and destroyed when they leave.
// The room models stay in the rooms collection, so whatever a destroyed view left on its model stays reachable.
const RoomView = Backbone.View.extend({
  initialize(options) {
    this.client = options.client;
    this.render();
    // expect: LL002
    this.model.on('messages:new', this.addMessage, this);
  },
  render() {
    this.$el.html(this.template(this.model.toJSON()));
    return this;
  },
  addMessage(message) {
    this.$('.messages').append(this.messageTemplate(message));
  },
  destroy() {
    this.undelegateEvents();
    // View#remove() calls stopListening(), which undoes listenTo() only, not model.on()
    Backbone.View.prototype.remove.call(this);
  },
});

const PanesView = Backbone.View.extend({
  initialize(options) {
    this.views = {};
    this.client = options.client;
    this.listenTo(options.rooms, 'change:joined', (room, joined) => (joined ? this.add(room) : this.leave(room.id)));
  },
  add(room) {
    if (this.views[room.id]) return;
    this.views[room.id] = new RoomView({ model: room, client: this.client });
    this.$el.append(this.views[room.id].el);
  },
  leave(id) {
    this.views[id].destroy();
    delete this.views[id];
  },
});

module.exports = { RoomView, PanesView };
