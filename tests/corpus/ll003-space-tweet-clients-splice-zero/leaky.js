var http = require('http'),
    io = require('../lib/socket.io'),
    TwitterNode = require('../lib').TwitterNode;

var server = http.createServer(function(req, res){
  res.writeHead(200, {'Content-Type': 'text/html'});
  res.end('<script src="/socket.io.js"></script>');
});

server.listen(8080);

// expect: LL001
var clients = [], twit;

var broadcast = function(tweet){
  listener.broadcast({tweet: tweet});
};

var listener = io.listen(server, {

  onClientConnect: function(client){
    // expect: LL003
    clients.push(client);
  },

  onClientDisconnect: function(client){
    clients.splice(clients.indexOf(client), 0);
  },

  onClientMessage: function(track){
    if(twit) return;
    twit = new TwitterNode({ track: track }).addListener('tweet', broadcast).stream();
  }
});
