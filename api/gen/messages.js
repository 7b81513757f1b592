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
         * @property {number} REFRESH=16 REFRESH value
         */
        protocol.PackageType = (function() {
            var valuesById = {}, values = Object.create(valuesById);
            values[valuesById[0] = "UNKNOWN"] = 0;
            values[valuesById[1] = "SIGN_IN"] = 1;
            values[valuesById[2] = "HEARTBEAT"] = 2;
            values[valuesById[3] = "MESSAGE"] = 3;
            values[valuesById[4] = "MEMBERS"] = 4;
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

        protocol.SignIn = (function() {

            /**
             * Properties of a SignIn.
             * @memberof roomcast.protocol
             * @interface ISignIn
             * @property {string|null} [token] SignIn token
             * @property {string|null} [roomID] SignIn roomID
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
