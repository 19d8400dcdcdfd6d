var Filer = require( "filer" ),
    env = require( "./environment" ),
    providerType = env.get( "FILER_PROVIDER" ) || "filer-fs",
    Provider = require( providerType );

var defaults = {};

// expect: LL001
var cachedFS = {};

if ( providerType === "filer-s3" ) {
  defaults.bucket = env.get( "S3_BUCKET" );
  defaults.key = env.get( "S3_KEY" );
}

module.exports = {
  create: function( options ) {
    Object.keys( defaults ).forEach(function( defaultOption ) {
      options[ defaultOption ] = options[ defaultOption ] || defaults[ defaultOption ];
    });

    // Reuse filesystems whenever possible
    if (!cachedFS[options.name]) {
      cachedFS[options.name] = new Filer.FileSystem({
        provider: new Provider(options)
      });
    }
    return cachedFS[options.name];
  }
};
