var Sync = require( './sync' ),
    WebSocketServer = require( 'ws' ).Server,
    websocketAuth = require( './websocket-auth' );

module.exports = function( server ) {
  var wss = new WebSocketServer({ server: server });

  wss.on('error', function( error ) {
    console.error("Socket server error: ", error );
  });

  wss.on('connection', function(ws) {
    ws.once('message', function(data) {
      data = data.data || data;
      try {
        data = JSON.parse(data);
      } catch(e) {
        return ws.close(1011, "Parsing error: " + e);
      }

      var authData = websocketAuth.authorizeToken(data.token);
      if ( !data.token || !authData ) {
        return ws.close(1008, "Valid auth token required");
      }

      var sync = Sync.create( authData.username, authData.sessionId );
      sync.setSocket( ws );

      ws.on('close', sync.onClose());

      ws.on('message', function(data) {
        try {
          sync.messageHandler(JSON.parse(data));
        } catch(error) {
          ws.send(JSON.stringify({ error: String(error) }));
        }
      });
    });
  });
};
