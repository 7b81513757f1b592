/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars*/
"use strict";

var $protobuf = require("protobufjs/minimal");

// Common aliases
var $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;

// Exported root namespace
var $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

$root.roomcast = (function() {

    /**
     * Namespace roomcast.
     * @exports roomcast
     * @namespace
     */
    var roomcast = {};

    roomcast.protocol = (function() {

        /**
         * Namespace protocol.
         * @memberof roomcast
         * @namespace
         */
        var protocol = {};

        /**
         * PackageType enum.
         * @name roomcast.protocol.PackageType
         * @enum {number}
         * @property {number} UNKNOWN=0 UNKNOWN value
         * @property {number} SIGN_IN=1 SIGN_IN value
         * @property {number} HEARTBEAT=2 HEARTBEAT value
         * @property {number} MESSAGE=3 MESSAGE value
         * @property {number} MEMBERS=4 MEMBERS value
         * @property {number} SUBSCRIBE=5 SUBSCRIBE value
         * @property {number} UNSUBSCRIBE=6 UNSUBSCRIBE value
         * @property {number} PRESENCE=7 PRESENCE value
         * @property {number} HISTORY=8 HISTORY value
         * @property {number} RECALL=9 RECALL value
         * @property {number} ACK=10 ACK value
         * @property {number} REFRESH=16 REFRESH value
         */
        protocol.PackageType = (function() {
            var valuesById = {}, values = Object.create(valuesById);
            values[valuesById[0] = "UNKNOWN"] = 0;
            values[valuesById[1] = "SIGN_IN"] = 1;
            values[valuesById[2] = "HEARTBEAT"] = 2;
            values[valuesById[3] = "MESSAGE"] = 3;
            values[valuesById[4] = "MEMBERS"] = 4;
            values[valuesById[5] = "SUBSCRIBE"] = 5;
            values[valuesById[6] = "UNSUBSCRIBE"] = 6;
            values[valuesById[7] = "PRESENCE"] = 7;
            values[valuesById[8] = "HISTORY"] = 8;
            values[valuesById[9] = "RECALL"] = 9;
            values[valuesById[10] = "ACK"] = 10;
            values[valuesById[16] = "REFRESH"] = 16;
            return values;
        })();

        /**
         * MsgLevel enum.
         * @name roomcast.protocol.MsgLevel
         * @enum {number}
         * @property {number} NORMAL=0 NORMAL value
         * @property {number} IMPORTANT=1 IMPORTANT value
         */
        protocol.MsgLevel = (function() {
            var valuesById = {}, values = Object.create(valuesById);
            values[valuesById[0] = "NORMAL"] = 0;
            values[valuesById[1] = "IMPORTANT"] = 1;
            return values;
        })();

        protocol.Req = (function() {

            /**
             * Properties of a Req.
             * @memberof roomcast.protocol
             * @interface IReq
             * @property {roomcast.protocol.PackageType|null} [type] Req type
             * @property {Uint8Array|null} [data] Req data
             * @property {number|null} [id] Req id
             */

            /**
             * Constructs a new Req.
             * @memberof roomcast.protocol
             * @classdesc Represents a Req.
             * @implements IReq
             * @constructor
             * @param {roomcast.protocol.IReq=} [properties] Properties to set
             */
            function Req(properties) {
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * Req type.
             * @member {roomcast.protocol.PackageType} type
             * @memberof roomcast.protocol.Req
             * @instance
             */
            Req.prototype.type = 0;

            /**
             * Req data.
             * @member {Uint8Array} data
             * @memberof roomcast.protocol.Req
             * @instance
             */
            Req.prototype.data = $util.newBuffer([]);

            /**
             * Req id.
             * @member {number} id
             * @memberof roomcast.protocol.Req
             * @instance
             */
            Req.prototype.id = 0;

            /**
             * Creates a new Req instance using the specified properties.
             * @function create
             * @memberof roomcast.protocol.Req
             * @static
             * @param {roomcast.protocol.IReq=} [properties] Properties to set
             * @returns {roomcast.protocol.Req} Req instance
             */
            Req.create = function create(properties) {
                return new Req(properties);
            };

            /**
             * Encodes the specified Req message. Does not implicitly {@link roomcast.protocol.Req.verify|verify} messages.
             * @function encode
             * @memberof roomcast.protocol.Req
             * @static
             * @param {roomcast.protocol.IReq} message Req message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Req.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.type != null && Object.hasOwnProperty.call(message, "type"))
                    writer.uint32(/* id 1, wireType 0 =*/8).int32(message.type);
                if (message.data != null && Object.hasOwnProperty.call(message, "data"))
                    writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.data);
                if (message.id != null && Object.hasOwnProperty.call(message, "id"))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.id);
                return writer;
            };

            /**
             * Decodes a Req message from the specified reader or buffer.
             * @function decode
             * @memberof roomcast.protocol.Req
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {roomcast.protocol.Req} Req
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Req.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.roomcast.protocol.Req();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.type = reader.int32();
                            break;
                        }
                    case 2: {
                            message.data = reader.bytes();
                            break;
                        }
                    case 3: {
                            message.id = reader.uint32();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for Req
             * @function getTypeUrl
             * @memberof roomcast.protocol.Req
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            Req.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/roomcast.protocol.Req";
            };

            return Req;
        })();

        protocol.Reply = (function() {

            /**
             * Properties of a Reply.
             * @memberof roomcast.protocol
             * @interface IReply
             * @property {roomcast.protocol.PackageType|null} [type] Reply type
             * @property {Uint8Array|null} [data] Reply data
             * @property {number|null} [id] Reply id
             */

            /**
             * Constructs a new Reply.
             * @memberof roomcast.protocol
             * @classdesc Represents a Reply.
             * @implements IReply
             * @constructor
             * @param {roomcast.protocol.IReply=} [properties] Properties to set
             */
            function Reply(properties) {
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * Reply type.
             * @member {roomcast.protocol.PackageType} type
             * @memberof roomcast.protocol.Reply
             * @instance
             */
            Reply.prototype.type = 0;

            /**
             * Reply data.
             * @member {Uint8Array} data
             * @memberof roomcast.protocol.Reply
             * @instance
             */
            Reply.prototype.data = $util.newBuffer([]);

            /**
             * Reply id.
             * @member {number} id
             * @memberof roomcast.protocol.Reply
             * @instance
             */
            Reply.prototype.id = 0;

            /**
             * Creates a new Reply instance using the specified properties.
             * @function create
             * @memberof roomcast.protocol.Reply
             * @static
             * @param {roomcast.protocol.IReply=} [properties] Properties to set
             * @returns {roomcast.protocol.Reply} Reply instance
             */
            Reply.create = function create(properties) {
                return new Reply(properties);
            };

            /**
             * Encodes the specified Reply message. Does not implicitly {@link roomcast.protocol.Reply.verify|verify} messages.
             * @function encode
             * @memberof roomcast.protocol.Reply
             * @static
             * @param {roomcast.protocol.IReply} message Reply message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Reply.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.type != null && Object.hasOwnProperty.call(message, "type"))
                    writer.uint32(/* id 1, wireType 0 =*/8).int32(message.type);
                if (message.data != null && Object.hasOwnProperty.call(message, "data"))
                    writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.data);
                if (message.id != null && Object.hasOwnProperty.call(message, "id"))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.id);
                return writer;
            };

            /**
             * Decodes a Reply message from the specified reader or buffer.
             * @function decode
             * @memberof roomcast.protocol.Reply
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {roomcast.protocol.Reply} Reply
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Reply.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.roomcast.protocol.Reply();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.type = reader.int32();
                            break;
                        }
                    case 2: {
                            message.data = reader.bytes();
                            break;
                        }
                    case 3: {
                            message.id = reader.uint32();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for Reply
             * @function getTypeUrl
             * @memberof roomcast.protocol.Reply
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            Reply.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/roomcast.protocol.Reply";
            };

            return Reply;
        })();

        protocol.Err = (function() {

            /**
             * Properties of an Err.
             * @memberof roomcast.protocol
             * @interface IErr
             * @property {number|null} [code] Err code
             * @property {string|null} [msg] Err msg
             * @property {string|null} [connID] Err connID
             * @property {string|null} [messageID] Err messageID
             * @property {roomcast.protocol.IRecovery|null} [recovery] Err recovery
             */

            /**
             * Constructs a new Err.
             * @memberof roomcast.protocol
             * @classdesc Represents an Err.
             * @implements IErr
             * @constructor
             * @param {roomcast.protocol.IErr=} [properties] Properties to set
             */
            function Err(properties) {
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * Err code.
             * @member {number} code
             * @memberof roomcast.protocol.Err
             * @instance
             */
            Err.prototype.code = 0;

            /**
             * Err msg.
             * @member {string} msg
             * @memberof roomcast.protocol.Err
             * @instance
             */
            Err.prototype.msg = "";

            /**
             * Err connID.
             * @member {string} connID
             * @memberof roomcast.protocol.Err
             * @instance
             */
            Err.prototype.connID = "";

            /**
             * Err messageID.
             * @member {string} messageID
             * @memberof roomcast.protocol.Err
             * @instance
             */
            Err.prototype.messageID = "";

            /**
             * Err recovery.
             * @member {roomcast.protocol.IRecovery|null|undefined} recovery
             * @memberof roomcast.protocol.Err
             * @instance
             */
            Err.prototype.recovery = null;

            /**
             * Creates a new Err instance using the specified properties.
             * @function create
             * @memberof roomcast.protocol.Err
             * @static
             * @param {roomcast.protocol.IErr=} [properties] Properties to set
             * @returns {roomcast.protocol.Err} Err instance
             */
            Err.create = function create(properties) {
                return new Err(properties);
            };

            /**
             * Encodes the specified Err message. Does not implicitly {@link roomcast.protocol.Err.verify|verify} messages.
             * @function encode
             * @memberof roomcast.protocol.Err
             * @static
             * @param {roomcast.protocol.IErr} message Err message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Err.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.code != null && Object.hasOwnProperty.call(message, "code"))
                    writer.uint32(/* id 1, wireType 0 =*/8).int32(message.code);
                if (message.msg != null && Object.hasOwnProperty.call(message, "msg"))
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.msg);
                if (message.connID != null && Object.hasOwnProperty.call(message, "connID"))
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.connID);
                if (message.messageID != null && Object.hasOwnProperty.call(message, "messageID"))
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.messageID);
                if (message.recovery != null && Object.hasOwnProperty.call(message, "recovery"))
                    $root.roomcast.protocol.Recovery.encode(message.recovery, writer.uint32(/* id 5, wireType 2 =*/42).fork(), q + 1).ldelim();
                return writer;
            };

            /**
             * Decodes an Err message from the specified reader or buffer.
             * @function decode
             * @memberof roomcast.protocol.Err
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {roomcast.protocol.Err} Err
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Err.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.roomcast.protocol.Err();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.code = reader.int32();
                            break;
                        }
                    case 2: {
                            message.msg = reader.string();
                            break;
                        }
                    case 3: {
                            message.connID = reader.string();
                            break;
                        }
                    case 4: {
                            message.messageID = reader.string();
                            break;
                        }
                    case 5: {
                            message.recovery = $root.roomcast.protocol.Recovery.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for Err
             * @function getTypeUrl
             * @memberof roomcast.protocol.Err
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            Err.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/roomcast.protocol.Err";
            };

            return Err;
        })();

        protocol.Position = (function() {

            /**
             * Properties of a Position.
             * @memberof roomcast.protocol
             * @interface IPosition
             * @property {string|null} [epoch] Position epoch
             * @property {number|Long|null} [offset] Position offset
             */

            /**
             * Constructs a new Position.
             * @memberof roomcast.protocol
             * @classdesc Represents a Position.
             * @implements IPosition
             * @constructor
             * @param {roomcast.protocol.IPosition=} [properties] Properties to set
             */
            function Position(properties) {
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * Position epoch.
             * @member {string} epoch
             * @memberof roomcast.protocol.Position
             * @instance
             */
            Position.prototype.epoch = "";

            /**
             * Position offset.
             * @member {number|Long} offset
             * @memberof roomcast.protocol.Position
             * @instance
             */
            Position.prototype.offset = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new Position instance using the specified properties.
             * @function create
             * @memberof roomcast.protocol.Position
             * @static
             * @param {roomcast.protocol.IPosition=} [properties] Properties to set
             * @returns {roomcast.protocol.Position} Position instance
             */
            Position.create = function create(properties) {
                return new Position(properties);
            };

            /**
             * Encodes the specified Position message. Does not implicitly {@link roomcast.protocol.Position.verify|verify} messages.
             * @function encode
             * @memberof roomcast.protocol.Position
             * @static
             * @param {roomcast.protocol.IPosition} message Position message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Position.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.epoch != null && Object.hasOwnProperty.call(message, "epoch"))
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.epoch);
                if (message.offset != null && Object.hasOwnProperty.call(message, "offset"))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.offset);
                return writer;
            };

            /**
             * Decodes a Position message from the specified reader or buffer.
             * @function decode
             * @memberof roomcast.protocol.Position
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {roomcast.protocol.Position} Position
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Position.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.roomcast.protocol.Position();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.epoch = reader.string();
                            break;
                        }
                    case 2: {
                            message.offset = reader.uint64();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for Position
             * @function getTypeUrl
             * @memberof roomcast.protocol.Position
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            Position.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/roomcast.protocol.Position";
            };

            return Position;
        })();

        protocol.Recovery = (function() {

            /**
             * Properties of a Recovery.
             * @memberof roomcast.protocol
             * @interface IRecovery
             * @property {boolean|null} [recovered] Recovery recovered
             * @property {string|null} [epoch] Recovery epoch
             * @property {number|Long|null} [offset] Recovery offset
             * @property {string|null} [reason] Recovery reason
             * @property {number|null} [count] Recovery count
             */

            /**
             * Constructs a new Recovery.
             * @memberof roomcast.protocol
             * @classdesc Represents a Recovery.
             * @implements IRecovery
             * @constructor
             * @param {roomcast.protocol.IRecovery=} [properties] Properties to set
             */
            function Recovery(properties) {
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * Recovery recovered.
             * @member {boolean} recovered
             * @memberof roomcast.protocol.Recovery
             * @instance
             */
            Recovery.prototype.recovered = false;

            /**
             * Recovery epoch.
             * @member {string} epoch
             * @memberof roomcast.protocol.Recovery
             * @instance
             */
            Recovery.prototype.epoch = "";

            /**
             * Recovery offset.
             * @member {number|Long} offset
             * @memberof roomcast.protocol.Recovery
             * @instance
             */
            Recovery.prototype.offset = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Recovery reason.
             * @member {string} reason
             * @memberof roomcast.protocol.Recovery
             * @instance
             */
            Recovery.prototype.reason = "";

            /**
             * Recovery count.
             * @member {number} count
             * @memberof roomcast.protocol.Recovery
             * @instance
             */
            Recovery.prototype.count = 0;

            /**
             * Creates a new Recovery instance using the specified properties.
             * @function create
             * @memberof roomcast.protocol.Recovery
             * @static
             * @param {roomcast.protocol.IRecovery=} [properties] Properties to set
             * @returns {roomcast.protocol.Recovery} Recovery instance
             */
            Recovery.create = function create(properties) {
                return new Recovery(properties);
            };

            /**
             * Encodes the specified Recovery message. Does not implicitly {@link roomcast.protocol.Recovery.verify|verify} messages.
             * @function encode
             * @memberof roomcast.protocol.Recovery
             * @static
             * @param {roomcast.protocol.IRecovery} message Recovery message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Recovery.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.recovered != null && Object.hasOwnProperty.call(message, "recovered"))
                    writer.uint32(/* id 1, wireType 0 =*/8).bool(message.recovered);
                if (message.epoch != null && Object.hasOwnProperty.call(message, "epoch"))
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.epoch);
                if (message.offset != null && Object.hasOwnProperty.call(message, "offset"))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.offset);
                if (message.reason != null && Object.hasOwnProperty.call(message, "reason"))
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.reason);
                if (message.count != null && Object.hasOwnProperty.call(message, "count"))
                    writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.count);
                return writer;
            };

            /**
             * Decodes a Recovery message from the specified reader or buffer.
             * @function decode
             * @memberof roomcast.protocol.Recovery
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {roomcast.protocol.Recovery} Recovery
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Recovery.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.roomcast.protocol.Recovery();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.recovered = reader.bool();
                            break;
                        }
                    case 2: {
                            message.epoch = reader.string();
                            break;
                        }
                    case 3: {
                            message.offset = reader.uint64();
                            break;
                        }
                    case 4: {
                            message.reason = reader.string();
                            break;
                        }
                    case 5: {
                            message.count = reader.uint32();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for Recovery
             * @function getTypeUrl
             * @memberof roomcast.protocol.Recovery
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            Recovery.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/roomcast.protocol.Recovery";
            };

            return Recovery;
        })();

        protocol.SignIn = (function() {

            /**
             * Properties of a SignIn.
             * @memberof roomcast.protocol
             * @interface ISignIn
             * @property {string|null} [token] SignIn token
             * @property {string|null} [roomID] SignIn roomID
             * @property {roomcast.protocol.IPosition|null} [recover] SignIn recover
             */

            /**
             * Constructs a new SignIn.
             * @memberof roomcast.protocol
             * @classdesc Represents a SignIn.
             * @implements ISignIn
             * @constructor
             * @param {roomcast.protocol.ISignIn=} [properties] Properties to set
             */
            function SignIn(properties) {
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * SignIn token.
             * @member {string} token
             * @memberof roomcast.protocol.SignIn
             * @instance
             */
            SignIn.prototype.token = "";

            /**
             * SignIn roomID.
             * @member {string} roomID
             * @memberof roomcast.protocol.SignIn
             * @instance
             */
            SignIn.prototype.roomID = "";

            /**
             * SignIn recover.
             * @member {roomcast.protocol.IPosition|null|undefined} recover
             * @memberof roomcast.protocol.SignIn
             * @instance
             */
            SignIn.prototype.recover = null;

            /**
             * Creates a new SignIn instance using the specified properties.
             * @function create
             * @memberof roomcast.protocol.SignIn
             * @static
             * @param {roomcast.protocol.ISignIn=} [properties] Properties to set
             * @returns {roomcast.protocol.SignIn} SignIn instance
             */
            SignIn.create = function create(properties) {
                return new SignIn(properties);
            };

            /**
             * Encodes the specified SignIn message. Does not implicitly {@link roomcast.protocol.SignIn.verify|verify} messages.
             * @function encode
             * @memberof roomcast.protocol.SignIn
             * @static
             * @param {roomcast.protocol.ISignIn} message SignIn message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SignIn.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.token != null && Object.hasOwnProperty.call(message, "token"))
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.token);
                if (message.roomID != null && Object.hasOwnProperty.call(message, "roomID"))
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.roomID);
                if (message.recover != null && Object.hasOwnProperty.call(message, "recover"))
                    $root.roomcast.protocol.Position.encode(message.recover, writer.uint32(/* id 3, wireType 2 =*/26).fork(), q + 1).ldelim();
                return writer;
            };

            /**
             * Decodes a SignIn message from the specified reader or buffer.
             * @function decode
             * @memberof roomcast.protocol.SignIn
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {roomcast.protocol.SignIn} SignIn
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SignIn.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.roomcast.protocol.SignIn();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.token = reader.string();
                            break;
                        }
                    case 2: {
                            message.roomID = reader.string();
                            break;
                        }
                    case 3: {
                            message.recover = $root.roomcast.protocol.Position.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for SignIn
             * @function getTypeUrl
             * @memberof roomcast.protocol.SignIn
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            SignIn.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/roomcast.protocol.SignIn";
            };

            return SignIn;
        })();

        protocol.Room = (function() {

            /**
             * Properties of a Room.
             * @memberof roomcast.protocol
             * @interface IRoom
             * @property {string|null} [roomID] Room roomID
             * @property {roomcast.protocol.IPosition|null} [recover] Room recover
             */

            /**
             * Constructs a new Room.
             * @memberof roomcast.protocol
             * @classdesc Represents a Room.
             * @implements IRoom
             * @constructor
             * @param {roomcast.protocol.IRoom=} [properties] Properties to set
             */
            function Room(properties) {
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * Room roomID.
             * @member {string} roomID
             * @memberof roomcast.protocol.Room
             * @instance
             */
            Room.prototype.roomID = "";

            /**
             * Room recover.
             * @member {roomcast.protocol.IPosition|null|undefined} recover
             * @memberof roomcast.protocol.Room
             * @instance
             */
            Room.prototype.recover = null;

            /**
             * Creates a new Room instance using the specified properties.
             * @function create
             * @memberof roomcast.protocol.Room
             * @static
             * @param {roomcast.protocol.IRoom=} [properties] Properties to set
             * @returns {roomcast.protocol.Room} Room instance
             */
            Room.create = function create(properties) {
                return new Room(properties);
            };

            /**
             * Encodes the specified Room message. Does not implicitly {@link roomcast.protocol.Room.verify|verify} messages.
             * @function encode
             * @memberof roomcast.protocol.Room
             * @static
             * @param {roomcast.protocol.IRoom} message Room message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Room.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.roomID != null && Object.hasOwnProperty.call(message, "roomID"))
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.roomID);
                if (message.recover != null && Object.hasOwnProperty.call(message, "recover"))
                    $root.roomcast.protocol.Position.encode(message.recover, writer.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim();
                return writer;
            };

            /**
             * Decodes a Room message from the specified reader or buffer.
             * @function decode
             * @memberof roomcast.protocol.Room
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {roomcast.protocol.Room} Room
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Room.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.roomcast.protocol.Room();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.roomID = reader.string();
                            break;
                        }
                    case 2: {
                            message.recover = $root.roomcast.protocol.Position.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for Room
             * @function getTypeUrl
             * @memberof roomcast.protocol.Room
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            Room.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/roomcast.protocol.Room";
            };

            return Room;
        })();

        protocol.Refresh = (function() {

            /**
             * Properties of a Refresh.
             * @memberof roomcast.protocol
             * @interface IRefresh
             * @property {string|null} [token] Refresh token
             */

            /**
             * Constructs a new Refresh.
             * @memberof roomcast.protocol
             * @classdesc Represents a Refresh.
             * @implements IRefresh
             * @constructor
             * @param {roomcast.protocol.IRefresh=} [properties] Properties to set
             */
            function Refresh(properties) {
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * Refresh token.
             * @member {string} token
             * @memberof roomcast.protocol.Refresh
             * @instance
             */
            Refresh.prototype.token = "";

            /**
             * Creates a new Refresh instance using the specified properties.
             * @function create
             * @memberof roomcast.protocol.Refresh
             * @static
             * @param {roomcast.protocol.IRefresh=} [properties] Properties to set
             * @returns {roomcast.protocol.Refresh} Refresh instance
             */
            Refresh.create = function create(properties) {
                return new Refresh(properties);
            };

            /**
             * Encodes the specified Refresh message. Does not implicitly {@link roomcast.protocol.Refresh.verify|verify} messages.
             * @function encode
             * @memberof roomcast.protocol.Refresh
             * @static
             * @param {roomcast.protocol.IRefresh} message Refresh message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Refresh.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.token != null && Object.hasOwnProperty.call(message, "token"))
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.token);
                return writer;
            };

            /**
             * Decodes a Refresh message from the specified reader or buffer.
             * @function decode
             * @memberof roomcast.protocol.Refresh
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {roomcast.protocol.Refresh} Refresh
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Refresh.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.roomcast.protocol.Refresh();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.token = reader.string();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for Refresh
             * @function getTypeUrl
             * @memberof roomcast.protocol.Refresh
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            Refresh.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/roomcast.protocol.Refresh";
            };

            return Refresh;
        })();

        protocol.BroadcastRoomReq = (function() {

            /**
             * Properties of a BroadcastRoomReq.
             * @memberof roomcast.protocol
             * @interface IBroadcastRoomReq
             * @property {string|null} [roomID] BroadcastRoomReq roomID
             * @property {roomcast.protocol.MsgLevel|null} [msgLv] BroadcastRoomReq msgLv
             * @property {Uint8Array|null} [data] BroadcastRoomReq data
             * @property {Array.<string>|null} [types] BroadcastRoomReq types
             * @property {string|null} [type] BroadcastRoomReq type
             * @property {string|null} [text] BroadcastRoomReq text
             * @property {string|null} [epoch] BroadcastRoomReq epoch
             * @property {number|Long|null} [offset] BroadcastRoomReq offset
             * @property {Array.<string>|null} [ids] BroadcastRoomReq ids
             * @property {boolean|null} [ack] BroadcastRoomReq ack
             */

            /**
             * Constructs a new BroadcastRoomReq.
             * @memberof roomcast.protocol
             * @classdesc Represents a BroadcastRoomReq.
             * @implements IBroadcastRoomReq
             * @constructor
             * @param {roomcast.protocol.IBroadcastRoomReq=} [properties] Properties to set
             */
            function BroadcastRoomReq(properties) {
                this.types = [];
                this.ids = [];
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * BroadcastRoomReq roomID.
             * @member {string} roomID
             * @memberof roomcast.protocol.BroadcastRoomReq
             * @instance
             */
            BroadcastRoomReq.prototype.roomID = "";

            /**
             * BroadcastRoomReq msgLv.
             * @member {roomcast.protocol.MsgLevel} msgLv
             * @memberof roomcast.protocol.BroadcastRoomReq
             * @instance
             */
            BroadcastRoomReq.prototype.msgLv = 0;

            /**
             * BroadcastRoomReq data.
             * @member {Uint8Array} data
             * @memberof roomcast.protocol.BroadcastRoomReq
             * @instance
             */
            BroadcastRoomReq.prototype.data = $util.newBuffer([]);

            /**
             * BroadcastRoomReq types.
             * @member {Array.<string>} types
             * @memberof roomcast.protocol.BroadcastRoomReq
             * @instance
             */
            BroadcastRoomReq.prototype.types = $util.emptyArray;

            /**
             * BroadcastRoomReq type.
             * @member {string} type
             * @memberof roomcast.protocol.BroadcastRoomReq
             * @instance
             */
            BroadcastRoomReq.prototype.type = "";

            /**
             * BroadcastRoomReq text.
             * @member {string} text
             * @memberof roomcast.protocol.BroadcastRoomReq
             * @instance
             */
            BroadcastRoomReq.prototype.text = "";

            /**
             * BroadcastRoomReq epoch.
             * @member {string} epoch
             * @memberof roomcast.protocol.BroadcastRoomReq
             * @instance
             */
            BroadcastRoomReq.prototype.epoch = "";

            /**
             * BroadcastRoomReq offset.
             * @member {number|Long} offset
             * @memberof roomcast.protocol.BroadcastRoomReq
             * @instance
             */
            BroadcastRoomReq.prototype.offset = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * BroadcastRoomReq ids.
             * @member {Array.<string>} ids
             * @memberof roomcast.protocol.BroadcastRoomReq
             * @instance
             */
            BroadcastRoomReq.prototype.ids = $util.emptyArray;

            /**
             * BroadcastRoomReq ack.
             * @member {boolean} ack
             * @memberof roomcast.protocol.BroadcastRoomReq
             * @instance
             */
            BroadcastRoomReq.prototype.ack = false;

            /**
             * Creates a new BroadcastRoomReq instance using the specified properties.
             * @function create
             * @memberof roomcast.protocol.BroadcastRoomReq
             * @static
             * @param {roomcast.protocol.IBroadcastRoomReq=} [properties] Properties to set
             * @returns {roomcast.protocol.BroadcastRoomReq} BroadcastRoomReq instance
             */
            BroadcastRoomReq.create = function create(properties) {
                return new BroadcastRoomReq(properties);
            };

            /**
             * Encodes the specified BroadcastRoomReq message. Does not implicitly {@link roomcast.protocol.BroadcastRoomReq.verify|verify} messages.
             * @function encode
             * @memberof roomcast.protocol.BroadcastRoomReq
             * @static
             * @param {roomcast.protocol.IBroadcastRoomReq} message BroadcastRoomReq message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            BroadcastRoomReq.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.roomID != null && Object.hasOwnProperty.call(message, "roomID"))
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.roomID);
                if (message.msgLv != null && Object.hasOwnProperty.call(message, "msgLv"))
                    writer.uint32(/* id 2, wireType 0 =*/16).int32(message.msgLv);
                if (message.data != null && Object.hasOwnProperty.call(message, "data"))
                    writer.uint32(/* id 3, wireType 2 =*/26).bytes(message.data);
                if (message.types != null && message.types.length)
                    for (var i = 0; i < message.types.length; ++i)
                        writer.uint32(/* id 4, wireType 2 =*/34).string(message.types[i]);
                if (message.type != null && Object.hasOwnProperty.call(message, "type"))
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.type);
                if (message.text != null && Object.hasOwnProperty.call(message, "text"))
                    writer.uint32(/* id 6, wireType 2 =*/50).string(message.text);
                if (message.epoch != null && Object.hasOwnProperty.call(message, "epoch"))
                    writer.uint32(/* id 7, wireType 2 =*/58).string(message.epoch);
                if (message.offset != null && Object.hasOwnProperty.call(message, "offset"))
                    writer.uint32(/* id 8, wireType 0 =*/64).uint64(message.offset);
                if (message.ids != null && message.ids.length)
                    for (var i = 0; i < message.ids.length; ++i)
                        writer.uint32(/* id 9, wireType 2 =*/74).string(message.ids[i]);
                if (message.ack != null && Object.hasOwnProperty.call(message, "ack"))
                    writer.uint32(/* id 10, wireType 0 =*/80).bool(message.ack);
                return writer;
            };

            /**
             * Decodes a BroadcastRoomReq message from the specified reader or buffer.
             * @function decode
             * @memberof roomcast.protocol.BroadcastRoomReq
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {roomcast.protocol.BroadcastRoomReq} BroadcastRoomReq
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            BroadcastRoomReq.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.roomcast.protocol.BroadcastRoomReq();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.roomID = reader.string();
                            break;
                        }
                    case 2: {
                            message.msgLv = reader.int32();
                            break;
                        }
                    case 3: {
                            message.data = reader.bytes();
                            break;
                        }
                    case 4: {
                            if (!(message.types && message.types.length))
                                message.types = [];
                            message.types.push(reader.string());
                            break;
                        }
                    case 5: {
                            message.type = reader.string();
                            break;
                        }
                    case 6: {
                            message.text = reader.string();
                            break;
                        }
                    case 7: {
                            message.epoch = reader.string();
                            break;
                        }
                    case 8: {
                            message.offset = reader.uint64();
                            break;
                        }
                    case 9: {
                            if (!(message.ids && message.ids.length))
                                message.ids = [];
                            message.ids.push(reader.string());
                            break;
                        }
                    case 10: {
                            message.ack = reader.bool();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for BroadcastRoomReq
             * @function getTypeUrl
             * @memberof roomcast.protocol.BroadcastRoomReq
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            BroadcastRoomReq.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/roomcast.protocol.BroadcastRoomReq";
            };

            return BroadcastRoomReq;
        })();

        protocol.Presence = (function() {

            /**
             * Properties of a Presence.
             * @memberof roomcast.protocol
             * @interface IPresence
             * @property {Array.<string>|null} [uids] Presence uids
             * @property {number|null} [total] Presence total
             */

            /**
             * Constructs a new Presence.
             * @memberof roomcast.protocol
             * @classdesc Represents a Presence.
             * @implements IPresence
             * @constructor
             * @param {roomcast.protocol.IPresence=} [properties] Properties to set
             */
            function Presence(properties) {
                this.uids = [];
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * Presence uids.
             * @member {Array.<string>} uids
             * @memberof roomcast.protocol.Presence
             * @instance
             */
            Presence.prototype.uids = $util.emptyArray;

            /**
             * Presence total.
             * @member {number} total
             * @memberof roomcast.protocol.Presence
             * @instance
             */
            Presence.prototype.total = 0;

            /**
             * Creates a new Presence instance using the specified properties.
             * @function create
             * @memberof roomcast.protocol.Presence
             * @static
             * @param {roomcast.protocol.IPresence=} [properties] Properties to set
             * @returns {roomcast.protocol.Presence} Presence instance
             */
            Presence.create = function create(properties) {
                return new Presence(properties);
            };

            /**
             * Encodes the specified Presence message. Does not implicitly {@link roomcast.protocol.Presence.verify|verify} messages.
             * @function encode
             * @memberof roomcast.protocol.Presence
             * @static
             * @param {roomcast.protocol.IPresence} message Presence message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Presence.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.uids != null && message.uids.length)
                    for (var i = 0; i < message.uids.length; ++i)
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.uids[i]);
                if (message.total != null && Object.hasOwnProperty.call(message, "total"))
                    writer.uint32(/* id 2, wireType 0 =*/16).int32(message.total);
                return writer;
            };

            /**
             * Decodes a Presence message from the specified reader or buffer.
             * @function decode
             * @memberof roomcast.protocol.Presence
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {roomcast.protocol.Presence} Presence
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Presence.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.roomcast.protocol.Presence();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            if (!(message.uids && message.uids.length))
                                message.uids = [];
                            message.uids.push(reader.string());
                            break;
                        }
                    case 2: {
                            message.total = reader.int32();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for Presence
             * @function getTypeUrl
             * @memberof roomcast.protocol.Presence
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            Presence.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/roomcast.protocol.Presence";
            };

            return Presence;
        })();

        protocol.Delivery = (function() {

            /**
             * Properties of a Delivery.
             * @memberof roomcast.protocol
             * @interface IDelivery
             * @property {string|null} [roomID] Delivery roomID
             * @property {roomcast.protocol.MsgLevel|null} [msgLv] Delivery msgLv
             * @property {Array.<roomcast.protocol.IDelivered>|null} [messages] Delivery messages
             * @property {string|null} [epoch] Delivery epoch
             * @property {boolean|null} [ack] Delivery ack
             */

            /**
             * Constructs a new Delivery.
             * @memberof roomcast.protocol
             * @classdesc Represents a Delivery.
             * @implements IDelivery
             * @constructor
             * @param {roomcast.protocol.IDelivery=} [properties] Properties to set
             */
            function Delivery(properties) {
                this.messages = [];
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * Delivery roomID.
             * @member {string} roomID
             * @memberof roomcast.protocol.Delivery
             * @instance
             */
            Delivery.prototype.roomID = "";

            /**
             * Delivery msgLv.
             * @member {roomcast.protocol.MsgLevel} msgLv
             * @memberof roomcast.protocol.Delivery
             * @instance
             */
            Delivery.prototype.msgLv = 0;

            /**
             * Delivery messages.
             * @member {Array.<roomcast.protocol.IDelivered>} messages
             * @memberof roomcast.protocol.Delivery
             * @instance
             */
            Delivery.prototype.messages = $util.emptyArray;

            /**
             * Delivery epoch.
             * @member {string} epoch
             * @memberof roomcast.protocol.Delivery
             * @instance
             */
            Delivery.prototype.epoch = "";

            /**
             * Delivery ack.
             * @member {boolean} ack
             * @memberof roomcast.protocol.Delivery
             * @instance
             */
            Delivery.prototype.ack = false;

            /**
             * Creates a new Delivery instance using the specified properties.
             * @function create
             * @memberof roomcast.protocol.Delivery
             * @static
             * @param {roomcast.protocol.IDelivery=} [properties] Properties to set
             * @returns {roomcast.protocol.Delivery} Delivery instance
             */
            Delivery.create = function create(properties) {
                return new Delivery(properties);
            };

            /**
             * Encodes the specified Delivery message. Does not implicitly {@link roomcast.protocol.Delivery.verify|verify} messages.
             * @function encode
             * @memberof roomcast.protocol.Delivery
             * @static
             * @param {roomcast.protocol.IDelivery} message Delivery message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Delivery.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.roomID != null && Object.hasOwnProperty.call(message, "roomID"))
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.roomID);
                if (message.msgLv != null && Object.hasOwnProperty.call(message, "msgLv"))
                    writer.uint32(/* id 2, wireType 0 =*/16).int32(message.msgLv);
                if (message.messages != null && message.messages.length)
                    for (var i = 0; i < message.messages.length; ++i)
                        $root.roomcast.protocol.Delivered.encode(message.messages[i], writer.uint32(/* id 3, wireType 2 =*/26).fork(), q + 1).ldelim();
                if (message.epoch != null && Object.hasOwnProperty.call(message, "epoch"))
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.epoch);
                if (message.ack != null && Object.hasOwnProperty.call(message, "ack"))
                    writer.uint32(/* id 5, wireType 0 =*/40).bool(message.ack);
                return writer;
            };

            /**
             * Decodes a Delivery message from the specified reader or buffer.
             * @function decode
             * @memberof roomcast.protocol.Delivery
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {roomcast.protocol.Delivery} Delivery
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Delivery.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.roomcast.protocol.Delivery();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.roomID = reader.string();
                            break;
                        }
                    case 2: {
                            message.msgLv = reader.int32();
                            break;
                        }
                    case 3: {
                            if (!(message.messages && message.messages.length))
                                message.messages = [];
                            message.messages.push($root.roomcast.protocol.Delivered.decode(reader, reader.uint32(), undefined, long + 1));
                            break;
                        }
                    case 4: {
                            message.epoch = reader.string();
                            break;
                        }
                    case 5: {
                            message.ack = reader.bool();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for Delivery
             * @function getTypeUrl
             * @memberof roomcast.protocol.Delivery
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            Delivery.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/roomcast.protocol.Delivery";
            };

            return Delivery;
        })();

        protocol.Delivered = (function() {

            /**
             * Properties of a Delivered.
             * @memberof roomcast.protocol
             * @interface IDelivered
             * @property {string|null} [text] Delivered text
             * @property {Uint8Array|null} [data] Delivered data
             * @property {string|null} [type] Delivered type
             * @property {string|null} [id] Delivered id
             * @property {number|Long|null} [offset] Delivered offset
             */

            /**
             * Constructs a new Delivered.
             * @memberof roomcast.protocol
             * @classdesc Represents a Delivered.
             * @implements IDelivered
             * @constructor
             * @param {roomcast.protocol.IDelivered=} [properties] Properties to set
             */
            function Delivered(properties) {
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * Delivered text.
             * @member {string} text
             * @memberof roomcast.protocol.Delivered
             * @instance
             */
            Delivered.prototype.text = "";

            /**
             * Delivered data.
             * @member {Uint8Array} data
             * @memberof roomcast.protocol.Delivered
             * @instance
             */
            Delivered.prototype.data = $util.newBuffer([]);

            /**
             * Delivered type.
             * @member {string} type
             * @memberof roomcast.protocol.Delivered
             * @instance
             */
            Delivered.prototype.type = "";

            /**
             * Delivered id.
             * @member {string} id
             * @memberof roomcast.protocol.Delivered
             * @instance
             */
            Delivered.prototype.id = "";

            /**
             * Delivered offset.
             * @member {number|Long} offset
             * @memberof roomcast.protocol.Delivered
             * @instance
             */
            Delivered.prototype.offset = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new Delivered instance using the specified properties.
             * @function create
             * @memberof roomcast.protocol.Delivered
             * @static
             * @param {roomcast.protocol.IDelivered=} [properties] Properties to set
             * @returns {roomcast.protocol.Delivered} Delivered instance
             */
            Delivered.create = function create(properties) {
                return new Delivered(properties);
            };

            /**
             * Encodes the specified Delivered message. Does not implicitly {@link roomcast.protocol.Delivered.verify|verify} messages.
             * @function encode
             * @memberof roomcast.protocol.Delivered
             * @static
             * @param {roomcast.protocol.IDelivered} message Delivered message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Delivered.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.text != null && Object.hasOwnProperty.call(message, "text"))
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.text);
                if (message.data != null && Object.hasOwnProperty.call(message, "data"))
                    writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.data);
                if (message.type != null && Object.hasOwnProperty.call(message, "type"))
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.type);
                if (message.id != null && Object.hasOwnProperty.call(message, "id"))
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.id);
                if (message.offset != null && Object.hasOwnProperty.call(message, "offset"))
                    writer.uint32(/* id 5, wireType 0 =*/40).uint64(message.offset);
                return writer;
            };

            /**
             * Decodes a Delivered message from the specified reader or buffer.
             * @function decode
             * @memberof roomcast.protocol.Delivered
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {roomcast.protocol.Delivered} Delivered
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Delivered.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.roomcast.protocol.Delivered();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.text = reader.string();
                            break;
                        }
                    case 2: {
                            message.data = reader.bytes();
                            break;
                        }
                    case 3: {
                            message.type = reader.string();
                            break;
                        }
                    case 4: {
                            message.id = reader.string();
                            break;
                        }
                    case 5: {
                            message.offset = reader.uint64();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for Delivered
             * @function getTypeUrl
             * @memberof roomcast.protocol.Delivered
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            Delivered.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/roomcast.protocol.Delivered";
            };

            return Delivered;
        })();

        protocol.HistoryReq = (function() {

            /**
             * Properties of a HistoryReq.
             * @memberof roomcast.protocol
             * @interface IHistoryReq
             * @property {string|null} [roomID] HistoryReq roomID
             * @property {roomcast.protocol.IPosition|null} [since] HistoryReq since
             * @property {number|null} [limit] HistoryReq limit
             */

            /**
             * Constructs a new HistoryReq.
             * @memberof roomcast.protocol
             * @classdesc Represents a HistoryReq.
             * @implements IHistoryReq
             * @constructor
             * @param {roomcast.protocol.IHistoryReq=} [properties] Properties to set
             */
            function HistoryReq(properties) {
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * HistoryReq roomID.
             * @member {string} roomID
             * @memberof roomcast.protocol.HistoryReq
             * @instance
             */
            HistoryReq.prototype.roomID = "";

            /**
             * HistoryReq since.
             * @member {roomcast.protocol.IPosition|null|undefined} since
             * @memberof roomcast.protocol.HistoryReq
             * @instance
             */
            HistoryReq.prototype.since = null;

            /**
             * HistoryReq limit.
             * @member {number} limit
             * @memberof roomcast.protocol.HistoryReq
             * @instance
             */
            HistoryReq.prototype.limit = 0;

            /**
             * Creates a new HistoryReq instance using the specified properties.
             * @function create
             * @memberof roomcast.protocol.HistoryReq
             * @static
             * @param {roomcast.protocol.IHistoryReq=} [properties] Properties to set
             * @returns {roomcast.protocol.HistoryReq} HistoryReq instance
             */
            HistoryReq.create = function create(properties) {
                return new HistoryReq(properties);
            };

            /**
             * Encodes the specified HistoryReq message. Does not implicitly {@link roomcast.protocol.HistoryReq.verify|verify} messages.
             * @function encode
             * @memberof roomcast.protocol.HistoryReq
             * @static
             * @param {roomcast.protocol.IHistoryReq} message HistoryReq message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            HistoryReq.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.roomID != null && Object.hasOwnProperty.call(message, "roomID"))
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.roomID);
                if (message.since != null && Object.hasOwnProperty.call(message, "since"))
                    $root.roomcast.protocol.Position.encode(message.since, writer.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim();
                if (message.limit != null && Object.hasOwnProperty.call(message, "limit"))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.limit);
                return writer;
            };

            /**
             * Decodes a HistoryReq message from the specified reader or buffer.
             * @function decode
             * @memberof roomcast.protocol.HistoryReq
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {roomcast.protocol.HistoryReq} HistoryReq
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            HistoryReq.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.roomcast.protocol.HistoryReq();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.roomID = reader.string();
                            break;
                        }
                    case 2: {
                            message.since = $root.roomcast.protocol.Position.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    case 3: {
                            message.limit = reader.uint32();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for HistoryReq
             * @function getTypeUrl
             * @memberof roomcast.protocol.HistoryReq
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            HistoryReq.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/roomcast.protocol.HistoryReq";
            };

            return HistoryReq;
        })();

        protocol.HistoryReply = (function() {

            /**
             * Properties of a HistoryReply.
             * @memberof roomcast.protocol
             * @interface IHistoryReply
             * @property {string|null} [roomID] HistoryReply roomID
             * @property {string|null} [epoch] HistoryReply epoch
             * @property {number|Long|null} [offset] HistoryReply offset
             * @property {Array.<roomcast.protocol.IStoredMessage>|null} [messages] HistoryReply messages
             * @property {boolean|null} [more] HistoryReply more
             * @property {string|null} [reason] HistoryReply reason
             */

            /**
             * Constructs a new HistoryReply.
             * @memberof roomcast.protocol
             * @classdesc Represents a HistoryReply.
             * @implements IHistoryReply
             * @constructor
             * @param {roomcast.protocol.IHistoryReply=} [properties] Properties to set
             */
            function HistoryReply(properties) {
                this.messages = [];
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * HistoryReply roomID.
             * @member {string} roomID
             * @memberof roomcast.protocol.HistoryReply
             * @instance
             */
            HistoryReply.prototype.roomID = "";

            /**
             * HistoryReply epoch.
             * @member {string} epoch
             * @memberof roomcast.protocol.HistoryReply
             * @instance
             */
            HistoryReply.prototype.epoch = "";

            /**
             * HistoryReply offset.
             * @member {number|Long} offset
             * @memberof roomcast.protocol.HistoryReply
             * @instance
             */
            HistoryReply.prototype.offset = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * HistoryReply messages.
             * @member {Array.<roomcast.protocol.IStoredMessage>} messages
             * @memberof roomcast.protocol.HistoryReply
             * @instance
             */
            HistoryReply.prototype.messages = $util.emptyArray;

            /**
             * HistoryReply more.
             * @member {boolean} more
             * @memberof roomcast.protocol.HistoryReply
             * @instance
             */
            HistoryReply.prototype.more = false;

            /**
             * HistoryReply reason.
             * @member {string} reason
             * @memberof roomcast.protocol.HistoryReply
             * @instance
             */
            HistoryReply.prototype.reason = "";

            /**
             * Creates a new HistoryReply instance using the specified properties.
             * @function create
             * @memberof roomcast.protocol.HistoryReply
             * @static
             * @param {roomcast.protocol.IHistoryReply=} [properties] Properties to set
             * @returns {roomcast.protocol.HistoryReply} HistoryReply instance
             */
            HistoryReply.create = function create(properties) {
                return new HistoryReply(properties);
            };

            /**
             * Encodes the specified HistoryReply message. Does not implicitly {@link roomcast.protocol.HistoryReply.verify|verify} messages.
             * @function encode
             * @memberof roomcast.protocol.HistoryReply
             * @static
             * @param {roomcast.protocol.IHistoryReply} message HistoryReply message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            HistoryReply.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.roomID != null && Object.hasOwnProperty.call(message, "roomID"))
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.roomID);
                if (message.epoch != null && Object.hasOwnProperty.call(message, "epoch"))
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.epoch);
                if (message.offset != null && Object.hasOwnProperty.call(message, "offset"))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.offset);
                if (message.messages != null && message.messages.length)
                    for (var i = 0; i < message.messages.length; ++i)
                        $root.roomcast.protocol.StoredMessage.encode(message.messages[i], writer.uint32(/* id 4, wireType 2 =*/34).fork(), q + 1).ldelim();
                if (message.more != null && Object.hasOwnProperty.call(message, "more"))
                    writer.uint32(/* id 5, wireType 0 =*/40).bool(message.more);
                if (message.reason != null && Object.hasOwnProperty.call(message, "reason"))
                    writer.uint32(/* id 6, wireType 2 =*/50).string(message.reason);
                return writer;
            };

            /**
             * Decodes a HistoryReply message from the specified reader or buffer.
             * @function decode
             * @memberof roomcast.protocol.HistoryReply
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {roomcast.protocol.HistoryReply} HistoryReply
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            HistoryReply.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.roomcast.protocol.HistoryReply();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.roomID = reader.string();
                            break;
                        }
                    case 2: {
                            message.epoch = reader.string();
                            break;
                        }
                    case 3: {
                            message.offset = reader.uint64();
                            break;
                        }
                    case 4: {
                            if (!(message.messages && message.messages.length))
                                message.messages = [];
                            message.messages.push($root.roomcast.protocol.StoredMessage.decode(reader, reader.uint32(), undefined, long + 1));
                            break;
                        }
                    case 5: {
                            message.more = reader.bool();
                            break;
                        }
                    case 6: {
                            message.reason = reader.string();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for HistoryReply
             * @function getTypeUrl
             * @memberof roomcast.protocol.HistoryReply
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            HistoryReply.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/roomcast.protocol.HistoryReply";
            };

            return HistoryReply;
        })();

        protocol.StoredMessage = (function() {

            /**
             * Properties of a StoredMessage.
             * @memberof roomcast.protocol
             * @interface IStoredMessage
             * @property {number|Long|null} [offset] StoredMessage offset
             * @property {string|null} [id] StoredMessage id
             * @property {string|null} [type] StoredMessage type
             * @property {roomcast.protocol.MsgLevel|null} [msgLv] StoredMessage msgLv
             * @property {Uint8Array|null} [data] StoredMessage data
             * @property {string|null} [text] StoredMessage text
             * @property {number|Long|null} [ts] StoredMessage ts
             * @property {string|null} [uid] StoredMessage uid
             */

            /**
             * Constructs a new StoredMessage.
             * @memberof roomcast.protocol
             * @classdesc Represents a StoredMessage.
             * @implements IStoredMessage
             * @constructor
             * @param {roomcast.protocol.IStoredMessage=} [properties] Properties to set
             */
            function StoredMessage(properties) {
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * StoredMessage offset.
             * @member {number|Long} offset
             * @memberof roomcast.protocol.StoredMessage
             * @instance
             */
            StoredMessage.prototype.offset = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * StoredMessage id.
             * @member {string} id
             * @memberof roomcast.protocol.StoredMessage
             * @instance
             */
            StoredMessage.prototype.id = "";

            /**
             * StoredMessage type.
             * @member {string} type
             * @memberof roomcast.protocol.StoredMessage
             * @instance
             */
            StoredMessage.prototype.type = "";

            /**
             * StoredMessage msgLv.
             * @member {roomcast.protocol.MsgLevel} msgLv
             * @memberof roomcast.protocol.StoredMessage
             * @instance
             */
            StoredMessage.prototype.msgLv = 0;

            /**
             * StoredMessage data.
             * @member {Uint8Array} data
             * @memberof roomcast.protocol.StoredMessage
             * @instance
             */
            StoredMessage.prototype.data = $util.newBuffer([]);

            /**
             * StoredMessage text.
             * @member {string} text
             * @memberof roomcast.protocol.StoredMessage
             * @instance
             */
            StoredMessage.prototype.text = "";

            /**
             * StoredMessage ts.
             * @member {number|Long} ts
             * @memberof roomcast.protocol.StoredMessage
             * @instance
             */
            StoredMessage.prototype.ts = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * StoredMessage uid.
             * @member {string} uid
             * @memberof roomcast.protocol.StoredMessage
             * @instance
             */
            StoredMessage.prototype.uid = "";

            /**
             * Creates a new StoredMessage instance using the specified properties.
             * @function create
             * @memberof roomcast.protocol.StoredMessage
             * @static
             * @param {roomcast.protocol.IStoredMessage=} [properties] Properties to set
             * @returns {roomcast.protocol.StoredMessage} StoredMessage instance
             */
            StoredMessage.create = function create(properties) {
                return new StoredMessage(properties);
            };

            /**
             * Encodes the specified StoredMessage message. Does not implicitly {@link roomcast.protocol.StoredMessage.verify|verify} messages.
             * @function encode
             * @memberof roomcast.protocol.StoredMessage
             * @static
             * @param {roomcast.protocol.IStoredMessage} message StoredMessage message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            StoredMessage.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.offset != null && Object.hasOwnProperty.call(message, "offset"))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.offset);
                if (message.id != null && Object.hasOwnProperty.call(message, "id"))
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.id);
                if (message.type != null && Object.hasOwnProperty.call(message, "type"))
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.type);
                if (message.msgLv != null && Object.hasOwnProperty.call(message, "msgLv"))
                    writer.uint32(/* id 4, wireType 0 =*/32).int32(message.msgLv);
                if (message.data != null && Object.hasOwnProperty.call(message, "data"))
                    writer.uint32(/* id 5, wireType 2 =*/42).bytes(message.data);
                if (message.text != null && Object.hasOwnProperty.call(message, "text"))
                    writer.uint32(/* id 6, wireType 2 =*/50).string(message.text);
                if (message.ts != null && Object.hasOwnProperty.call(message, "ts"))
                    writer.uint32(/* id 7, wireType 0 =*/56).int64(message.ts);
                if (message.uid != null && Object.hasOwnProperty.call(message, "uid"))
                    writer.uint32(/* id 8, wireType 2 =*/66).string(message.uid);
                return writer;
            };

            /**
             * Decodes a StoredMessage message from the specified reader or buffer.
             * @function decode
             * @memberof roomcast.protocol.StoredMessage
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {roomcast.protocol.StoredMessage} StoredMessage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            StoredMessage.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.roomcast.protocol.StoredMessage();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.offset = reader.uint64();
                            break;
                        }
                    case 2: {
                            message.id = reader.string();
                            break;
                        }
                    case 3: {
                            message.type = reader.string();
                            break;
                        }
                    case 4: {
                            message.msgLv = reader.int32();
                            break;
                        }
                    case 5: {
                            message.data = reader.bytes();
                            break;
                        }
                    case 6: {
                            message.text = reader.string();
                            break;
                        }
                    case 7: {
                            message.ts = reader.int64();
                            break;
                        }
                    case 8: {
                            message.uid = reader.string();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for StoredMessage
             * @function getTypeUrl
             * @memberof roomcast.protocol.StoredMessage
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            StoredMessage.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/roomcast.protocol.StoredMessage";
            };

            return StoredMessage;
        })();

        protocol.Recall = (function() {

            /**
             * Properties of a Recall.
             * @memberof roomcast.protocol
             * @interface IRecall
             * @property {string|null} [roomID] Recall roomID
             * @property {string|null} [id] Recall id
             */

            /**
             * Constructs a new Recall.
             * @memberof roomcast.protocol
             * @classdesc Represents a Recall.
             * @implements IRecall
             * @constructor
             * @param {roomcast.protocol.IRecall=} [properties] Properties to set
             */
            function Recall(properties) {
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * Recall roomID.
             * @member {string} roomID
             * @memberof roomcast.protocol.Recall
             * @instance
             */
            Recall.prototype.roomID = "";

            /**
             * Recall id.
             * @member {string} id
             * @memberof roomcast.protocol.Recall
             * @instance
             */
            Recall.prototype.id = "";

            /**
             * Creates a new Recall instance using the specified properties.
             * @function create
             * @memberof roomcast.protocol.Recall
             * @static
             * @param {roomcast.protocol.IRecall=} [properties] Properties to set
             * @returns {roomcast.protocol.Recall} Recall instance
             */
            Recall.create = function create(properties) {
                return new Recall(properties);
            };

            /**
             * Encodes the specified Recall message. Does not implicitly {@link roomcast.protocol.Recall.verify|verify} messages.
             * @function encode
             * @memberof roomcast.protocol.Recall
             * @static
             * @param {roomcast.protocol.IRecall} message Recall message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Recall.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.roomID != null && Object.hasOwnProperty.call(message, "roomID"))
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.roomID);
                if (message.id != null && Object.hasOwnProperty.call(message, "id"))
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.id);
                return writer;
            };

            /**
             * Decodes a Recall message from the specified reader or buffer.
             * @function decode
             * @memberof roomcast.protocol.Recall
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {roomcast.protocol.Recall} Recall
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Recall.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.roomcast.protocol.Recall();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.roomID = reader.string();
                            break;
                        }
                    case 2: {
                            message.id = reader.string();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for Recall
             * @function getTypeUrl
             * @memberof roomcast.protocol.Recall
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            Recall.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/roomcast.protocol.Recall";
            };

            return Recall;
        })();

        protocol.Ack = (function() {

            /**
             * Properties of an Ack.
             * @memberof roomcast.protocol
             * @interface IAck
             * @property {Array.<string>|null} [ids] Ack ids
             */

            /**
             * Constructs a new Ack.
             * @memberof roomcast.protocol
             * @classdesc Represents an Ack.
             * @implements IAck
             * @constructor
             * @param {roomcast.protocol.IAck=} [properties] Properties to set
             */
            function Ack(properties) {
                this.ids = [];
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * Ack ids.
             * @member {Array.<string>} ids
             * @memberof roomcast.protocol.Ack
             * @instance
             */
            Ack.prototype.ids = $util.emptyArray;

            /**
             * Creates a new Ack instance using the specified properties.
             * @function create
             * @memberof roomcast.protocol.Ack
             * @static
             * @param {roomcast.protocol.IAck=} [properties] Properties to set
             * @returns {roomcast.protocol.Ack} Ack instance
             */
            Ack.create = function create(properties) {
                return new Ack(properties);
            };

            /**
             * Encodes the specified Ack message. Does not implicitly {@link roomcast.protocol.Ack.verify|verify} messages.
             * @function encode
             * @memberof roomcast.protocol.Ack
             * @static
             * @param {roomcast.protocol.IAck} message Ack message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Ack.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.ids != null && message.ids.length)
                    for (var i = 0; i < message.ids.length; ++i)
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.ids[i]);
                return writer;
            };

            /**
             * Decodes an Ack message from the specified reader or buffer.
             * @function decode
             * @memberof roomcast.protocol.Ack
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {roomcast.protocol.Ack} Ack
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Ack.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.roomcast.protocol.Ack();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            if (!(message.ids && message.ids.length))
                                message.ids = [];
                            message.ids.push(reader.string());
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for Ack
             * @function getTypeUrl
             * @memberof roomcast.protocol.Ack
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            Ack.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/roomcast.protocol.Ack";
            };

            return Ack;
        })();

        return protocol;
    })();

    roomcast.queue = (function() {

        /**
         * Namespace queue.
         * @memberof roomcast
         * @namespace
         */
        var queue = {};

        queue.RoomMsg = (function() {

            /**
             * Properties of a RoomMsg.
             * @memberof roomcast.queue
             * @interface IRoomMsg
             * @property {string|null} [roomID] RoomMsg roomID
             * @property {number|null} [msgLv] RoomMsg msgLv
             * @property {Uint8Array|null} [data] RoomMsg data
             * @property {string|null} [uid] RoomMsg uid
             * @property {number|Long|null} [ts] RoomMsg ts
             * @property {Array.<string>|null} [targets] RoomMsg targets
             * @property {boolean|null} [targetsKnown] RoomMsg targetsKnown
             * @property {string|null} [id] RoomMsg id
             * @property {string|null} [type] RoomMsg type
             * @property {boolean|null} [broadcast] RoomMsg broadcast
             * @property {Array.<roomcast.queue.IRoomMsg>|null} [packed] RoomMsg packed
             */

            /**
             * Constructs a new RoomMsg.
             * @memberof roomcast.queue
             * @classdesc Represents a RoomMsg.
             * @implements IRoomMsg
             * @constructor
             * @param {roomcast.queue.IRoomMsg=} [properties] Properties to set
             */
            function RoomMsg(properties) {
                this.targets = [];
                this.packed = [];
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            /**
             * RoomMsg roomID.
             * @member {string} roomID
             * @memberof roomcast.queue.RoomMsg
             * @instance
             */
            RoomMsg.prototype.roomID = "";

            /**
             * RoomMsg msgLv.
             * @member {number} msgLv
             * @memberof roomcast.queue.RoomMsg
             * @instance
             */
            RoomMsg.prototype.msgLv = 0;

            /**
             * RoomMsg data.
             * @member {Uint8Array} data
             * @memberof roomcast.queue.RoomMsg
             * @instance
             */
            RoomMsg.prototype.data = $util.newBuffer([]);

            /**
             * RoomMsg uid.
             * @member {string} uid
             * @memberof roomcast.queue.RoomMsg
             * @instance
             */
            RoomMsg.prototype.uid = "";

            /**
             * RoomMsg ts.
             * @member {number|Long} ts
             * @memberof roomcast.queue.RoomMsg
             * @instance
             */
            RoomMsg.prototype.ts = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * RoomMsg targets.
             * @member {Array.<string>} targets
             * @memberof roomcast.queue.RoomMsg
             * @instance
             */
            RoomMsg.prototype.targets = $util.emptyArray;

            /**
             * RoomMsg targetsKnown.
             * @member {boolean} targetsKnown
             * @memberof roomcast.queue.RoomMsg
             * @instance
             */
            RoomMsg.prototype.targetsKnown = false;

            /**
             * RoomMsg id.
             * @member {string} id
             * @memberof roomcast.queue.RoomMsg
             * @instance
             */
            RoomMsg.prototype.id = "";

            /**
             * RoomMsg type.
             * @member {string} type
             * @memberof roomcast.queue.RoomMsg
             * @instance
             */
            RoomMsg.prototype.type = "";

            /**
             * RoomMsg broadcast.
             * @member {boolean} broadcast
             * @memberof roomcast.queue.RoomMsg
             * @instance
             */
            RoomMsg.prototype.broadcast = false;

            /**
             * RoomMsg packed.
             * @member {Array.<roomcast.queue.IRoomMsg>} packed
             * @memberof roomcast.queue.RoomMsg
             * @instance
             */
            RoomMsg.prototype.packed = $util.emptyArray;

            /**
             * Creates a new RoomMsg instance using the specified properties.
             * @function create
             * @memberof roomcast.queue.RoomMsg
             * @static
             * @param {roomcast.queue.IRoomMsg=} [properties] Properties to set
             * @returns {roomcast.queue.RoomMsg} RoomMsg instance
             */
            RoomMsg.create = function create(properties) {
                return new RoomMsg(properties);
            };

            /**
             * Encodes the specified RoomMsg message. Does not implicitly {@link roomcast.queue.RoomMsg.verify|verify} messages.
             * @function encode
             * @memberof roomcast.queue.RoomMsg
             * @static
             * @param {roomcast.queue.IRoomMsg} message RoomMsg message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            RoomMsg.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.roomID != null && Object.hasOwnProperty.call(message, "roomID"))
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.roomID);
                if (message.msgLv != null && Object.hasOwnProperty.call(message, "msgLv"))
                    writer.uint32(/* id 2, wireType 0 =*/16).int32(message.msgLv);
                if (message.data != null && Object.hasOwnProperty.call(message, "data"))
                    writer.uint32(/* id 3, wireType 2 =*/26).bytes(message.data);
                if (message.uid != null && Object.hasOwnProperty.call(message, "uid"))
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.uid);
                if (message.ts != null && Object.hasOwnProperty.call(message, "ts"))
                    writer.uint32(/* id 5, wireType 0 =*/40).int64(message.ts);
                if (message.targets != null && message.targets.length)
                    for (var i = 0; i < message.targets.length; ++i)
                        writer.uint32(/* id 6, wireType 2 =*/50).string(message.targets[i]);
                if (message.targetsKnown != null && Object.hasOwnProperty.call(message, "targetsKnown"))
                    writer.uint32(/* id 7, wireType 0 =*/56).bool(message.targetsKnown);
                if (message.id != null && Object.hasOwnProperty.call(message, "id"))
                    writer.uint32(/* id 8, wireType 2 =*/66).string(message.id);
                if (message.type != null && Object.hasOwnProperty.call(message, "type"))
                    writer.uint32(/* id 9, wireType 2 =*/74).string(message.type);
                if (message.broadcast != null && Object.hasOwnProperty.call(message, "broadcast"))
                    writer.uint32(/* id 10, wireType 0 =*/80).bool(message.broadcast);
                if (message.packed != null && message.packed.length)
                    for (var i = 0; i < message.packed.length; ++i)
                        $root.roomcast.queue.RoomMsg.encode(message.packed[i], writer.uint32(/* id 11, wireType 2 =*/90).fork(), q + 1).ldelim();
                return writer;
            };

            /**
             * Decodes a RoomMsg message from the specified reader or buffer.
             * @function decode
             * @memberof roomcast.queue.RoomMsg
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {roomcast.queue.RoomMsg} RoomMsg
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            RoomMsg.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.roomcast.queue.RoomMsg();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.roomID = reader.string();
                            break;
                        }
                    case 2: {
                            message.msgLv = reader.int32();
                            break;
                        }
                    case 3: {
                            message.data = reader.bytes();
                            break;
                        }
                    case 4: {
                            message.uid = reader.string();
                            break;
                        }
                    case 5: {
                            message.ts = reader.int64();
                            break;
                        }
                    case 6: {
                            if (!(message.targets && message.targets.length))
                                message.targets = [];
                            message.targets.push(reader.string());
                            break;
                        }
                    case 7: {
                            message.targetsKnown = reader.bool();
                            break;
                        }
                    case 8: {
                            message.id = reader.string();
                            break;
                        }
                    case 9: {
                            message.type = reader.string();
                            break;
                        }
                    case 10: {
                            message.broadcast = reader.bool();
                            break;
                        }
                    case 11: {
                            if (!(message.packed && message.packed.length))
                                message.packed = [];
                            message.packed.push($root.roomcast.queue.RoomMsg.decode(reader, reader.uint32(), undefined, long + 1));
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            /**
             * Gets the default type url for RoomMsg
             * @function getTypeUrl
             * @memberof roomcast.queue.RoomMsg
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            RoomMsg.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/roomcast.queue.RoomMsg";
            };

            return RoomMsg;
        })();

        return queue;
    })();

    return roomcast;
})();

module.exports = $root;
