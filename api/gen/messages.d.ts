import * as $protobuf from "protobufjs";
import Long = require("long");
/** Namespace roomcast. */
export namespace roomcast {

    /** Namespace protocol. */
    namespace protocol {

        /** PackageType enum. */
        enum PackageType {
            UNKNOWN = 0,
            SIGN_IN = 1,
            HEARTBEAT = 2,
            MESSAGE = 3,
            MEMBERS = 4,
            SUBSCRIBE = 5,
            UNSUBSCRIBE = 6,
            PRESENCE = 7,
            REFRESH = 16
        }

        /** MsgLevel enum. */
        enum MsgLevel {
            NORMAL = 0,
            IMPORTANT = 1
        }

        /** Properties of a Req. */
        interface IReq {

            /** Req type */
            type?: (roomcast.protocol.PackageType|null);

            /** Req data */
            data?: (Uint8Array|null);

            /** Req id */
            id?: (number|null);
        }

        /** Represents a Req. */
        class Req implements IReq {

            /**
             * Constructs a new Req.
             * @param [properties] Properties to set
             */
            constructor(properties?: roomcast.protocol.IReq);

            /** Req type. */
            public type: roomcast.protocol.PackageType;

            /** Req data. */
            public data: Uint8Array;

            /** Req id. */
            public id: number;

            /**
             * Creates a new Req instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Req instance
             */
            public static create(properties?: roomcast.protocol.IReq): roomcast.protocol.Req;

            /**
             * Encodes the specified Req message. Does not implicitly {@link roomcast.protocol.Req.verify|verify} messages.
             * @param message Req message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: roomcast.protocol.IReq, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Req message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns Req
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): roomcast.protocol.Req;

            /**
             * Gets the default type url for Req
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of a Reply. */
        interface IReply {

            /** Reply type */
            type?: (roomcast.protocol.PackageType|null);

            /** Reply data */
            data?: (Uint8Array|null);

            /** Reply id */
            id?: (number|null);
        }

        /** Represents a Reply. */
        class Reply implements IReply {

            /**
             * Constructs a new Reply.
             * @param [properties] Properties to set
             */
            constructor(properties?: roomcast.protocol.IReply);

            /** Reply type. */
            public type: roomcast.protocol.PackageType;

            /** Reply data. */
            public data: Uint8Array;

            /** Reply id. */
            public id: number;

            /**
             * Creates a new Reply instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Reply instance
             */
            public static create(properties?: roomcast.protocol.IReply): roomcast.protocol.Reply;

            /**
             * Encodes the specified Reply message. Does not implicitly {@link roomcast.protocol.Reply.verify|verify} messages.
             * @param message Reply message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: roomcast.protocol.IReply, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Reply message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns Reply
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): roomcast.protocol.Reply;

            /**
             * Gets the default type url for Reply
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of an Err. */
        interface IErr {

            /** Err code */
            code?: (number|null);

            /** Err msg */
            msg?: (string|null);

            /** Err connID */
            connID?: (string|null);
        }

        /** Represents an Err. */
        class Err implements IErr {

            /**
             * Constructs a new Err.
             * @param [properties] Properties to set
             */
            constructor(properties?: roomcast.protocol.IErr);

            /** Err code. */
            public code: number;

            /** Err msg. */
            public msg: string;

            /** Err connID. */
            public connID: string;

            /**
             * Creates a new Err instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Err instance
             */
            public static create(properties?: roomcast.protocol.IErr): roomcast.protocol.Err;

            /**
             * Encodes the specified Err message. Does not implicitly {@link roomcast.protocol.Err.verify|verify} messages.
             * @param message Err message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: roomcast.protocol.IErr, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Err message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns Err
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): roomcast.protocol.Err;

            /**
             * Gets the default type url for Err
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of a SignIn. */
        interface ISignIn {

            /** SignIn token */
            token?: (string|null);

            /** SignIn roomID */
            roomID?: (string|null);
        }

        /** Represents a SignIn. */
        class SignIn implements ISignIn {

            /**
             * Constructs a new SignIn.
             * @param [properties] Properties to set
             */
            constructor(properties?: roomcast.protocol.ISignIn);

            /** SignIn token. */
            public token: string;

            /** SignIn roomID. */
            public roomID: string;

            /**
             * Creates a new SignIn instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SignIn instance
             */
            public static create(properties?: roomcast.protocol.ISignIn): roomcast.protocol.SignIn;

            /**
             * Encodes the specified SignIn message. Does not implicitly {@link roomcast.protocol.SignIn.verify|verify} messages.
             * @param message SignIn message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: roomcast.protocol.ISignIn, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SignIn message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns SignIn
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): roomcast.protocol.SignIn;

            /**
             * Gets the default type url for SignIn
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of a Room. */
        interface IRoom {

            /** Room roomID */
            roomID?: (string|null);
        }

        /** Represents a Room. */
        class Room implements IRoom {

            /**
             * Constructs a new Room.
             * @param [properties] Properties to set
             */
            constructor(properties?: roomcast.protocol.IRoom);

            /** Room roomID. */
            public roomID: string;

            /**
             * Creates a new Room instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Room instance
             */
            public static create(properties?: roomcast.protocol.IRoom): roomcast.protocol.Room;

            /**
             * Encodes the specified Room message. Does not implicitly {@link roomcast.protocol.Room.verify|verify} messages.
             * @param message Room message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: roomcast.protocol.IRoom, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Room message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns Room
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): roomcast.protocol.Room;

            /**
             * Gets the default type url for Room
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of a Refresh. */
        interface IRefresh {

            /** Refresh token */
            token?: (string|null);
        }

        /** Represents a Refresh. */
        class Refresh implements IRefresh {

            /**
             * Constructs a new Refresh.
             * @param [properties] Properties to set
             */
            constructor(properties?: roomcast.protocol.IRefresh);

            /** Refresh token. */
            public token: string;

            /**
             * Creates a new Refresh instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Refresh instance
             */
            public static create(properties?: roomcast.protocol.IRefresh): roomcast.protocol.Refresh;

            /**
             * Encodes the specified Refresh message. Does not implicitly {@link roomcast.protocol.Refresh.verify|verify} messages.
             * @param message Refresh message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: roomcast.protocol.IRefresh, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Refresh message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns Refresh
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): roomcast.protocol.Refresh;

            /**
             * Gets the default type url for Refresh
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of a BroadcastRoomReq. */
        interface IBroadcastRoomReq {

            /** BroadcastRoomReq roomID */
            roomID?: (string|null);

            /** BroadcastRoomReq msgLv */
            msgLv?: (roomcast.protocol.MsgLevel|null);

            /** BroadcastRoomReq data */
            data?: (Uint8Array|null);

            /** BroadcastRoomReq types */
            types?: (string[]|null);

            /** BroadcastRoomReq type */
            type?: (string|null);

            /** BroadcastRoomReq text */
            text?: (string|null);
        }

        /** Represents a BroadcastRoomReq. */
        class BroadcastRoomReq implements IBroadcastRoomReq {

            /**
             * Constructs a new BroadcastRoomReq.
             * @param [properties] Properties to set
             */
            constructor(properties?: roomcast.protocol.IBroadcastRoomReq);

            /** BroadcastRoomReq roomID. */
            public roomID: string;

            /** BroadcastRoomReq msgLv. */
            public msgLv: roomcast.protocol.MsgLevel;

            /** BroadcastRoomReq data. */
            public data: Uint8Array;

            /** BroadcastRoomReq types. */
            public types: string[];

            /** BroadcastRoomReq type. */
            public type: string;

            /** BroadcastRoomReq text. */
            public text: string;

            /**
             * Creates a new BroadcastRoomReq instance using the specified properties.
             * @param [properties] Properties to set
             * @returns BroadcastRoomReq instance
             */
            public static create(properties?: roomcast.protocol.IBroadcastRoomReq): roomcast.protocol.BroadcastRoomReq;

            /**
             * Encodes the specified BroadcastRoomReq message. Does not implicitly {@link roomcast.protocol.BroadcastRoomReq.verify|verify} messages.
             * @param message BroadcastRoomReq message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: roomcast.protocol.IBroadcastRoomReq, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a BroadcastRoomReq message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns BroadcastRoomReq
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): roomcast.protocol.BroadcastRoomReq;

            /**
             * Gets the default type url for BroadcastRoomReq
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of a Presence. */
        interface IPresence {

            /** Presence uids */
            uids?: (string[]|null);

            /** Presence total */
            total?: (number|null);
        }

        /** Represents a Presence. */
        class Presence implements IPresence {

            /**
             * Constructs a new Presence.
             * @param [properties] Properties to set
             */
            constructor(properties?: roomcast.protocol.IPresence);

            /** Presence uids. */
            public uids: string[];

            /** Presence total. */
            public total: number;

            /**
             * Creates a new Presence instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Presence instance
             */
            public static create(properties?: roomcast.protocol.IPresence): roomcast.protocol.Presence;

            /**
             * Encodes the specified Presence message. Does not implicitly {@link roomcast.protocol.Presence.verify|verify} messages.
             * @param message Presence message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: roomcast.protocol.IPresence, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Presence message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns Presence
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): roomcast.protocol.Presence;

            /**
             * Gets the default type url for Presence
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of a Delivery. */
        interface IDelivery {

            /** Delivery roomID */
            roomID?: (string|null);

            /** Delivery msgLv */
            msgLv?: (roomcast.protocol.MsgLevel|null);

            /** Delivery messages */
            messages?: (roomcast.protocol.IDelivered[]|null);
        }

        /** Represents a Delivery. */
        class Delivery implements IDelivery {

            /**
             * Constructs a new Delivery.
             * @param [properties] Properties to set
             */
            constructor(properties?: roomcast.protocol.IDelivery);

            /** Delivery roomID. */
            public roomID: string;

            /** Delivery msgLv. */
            public msgLv: roomcast.protocol.MsgLevel;

            /** Delivery messages. */
            public messages: roomcast.protocol.IDelivered[];

            /**
             * Creates a new Delivery instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Delivery instance
             */
            public static create(properties?: roomcast.protocol.IDelivery): roomcast.protocol.Delivery;

            /**
             * Encodes the specified Delivery message. Does not implicitly {@link roomcast.protocol.Delivery.verify|verify} messages.
             * @param message Delivery message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: roomcast.protocol.IDelivery, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Delivery message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns Delivery
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): roomcast.protocol.Delivery;

            /**
             * Gets the default type url for Delivery
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of a Delivered. */
        interface IDelivered {

            /** Delivered text */
            text?: (string|null);

            /** Delivered data */
            data?: (Uint8Array|null);

            /** Delivered type */
            type?: (string|null);
        }

        /** Represents a Delivered. */
        class Delivered implements IDelivered {

            /**
             * Constructs a new Delivered.
             * @param [properties] Properties to set
             */
            constructor(properties?: roomcast.protocol.IDelivered);

            /** Delivered text. */
            public text: string;

            /** Delivered data. */
            public data: Uint8Array;

            /** Delivered type. */
            public type: string;

            /**
             * Creates a new Delivered instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Delivered instance
             */
            public static create(properties?: roomcast.protocol.IDelivered): roomcast.protocol.Delivered;

            /**
             * Encodes the specified Delivered message. Does not implicitly {@link roomcast.protocol.Delivered.verify|verify} messages.
             * @param message Delivered message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: roomcast.protocol.IDelivered, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Delivered message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns Delivered
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): roomcast.protocol.Delivered;

            /**
             * Gets the default type url for Delivered
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }
    }

    /** Namespace queue. */
    namespace queue {

        /** Properties of a RoomMsg. */
        interface IRoomMsg {

            /** RoomMsg roomID */
            roomID?: (string|null);

            /** RoomMsg msgLv */
            msgLv?: (number|null);

            /** RoomMsg data */
            data?: (Uint8Array|null);

            /** RoomMsg uid */
            uid?: (string|null);

            /** RoomMsg ts */
            ts?: (number|Long|null);

            /** RoomMsg targets */
            targets?: (string[]|null);

            /** RoomMsg targetsKnown */
            targetsKnown?: (boolean|null);

            /** RoomMsg id */
            id?: (string|null);

            /** RoomMsg type */
            type?: (string|null);

            /** RoomMsg broadcast */
            broadcast?: (boolean|null);
        }

        /** Represents a RoomMsg. */
        class RoomMsg implements IRoomMsg {

            /**
             * Constructs a new RoomMsg.
             * @param [properties] Properties to set
             */
            constructor(properties?: roomcast.queue.IRoomMsg);

            /** RoomMsg roomID. */
            public roomID: string;

            /** RoomMsg msgLv. */
            public msgLv: number;

            /** RoomMsg data. */
            public data: Uint8Array;

            /** RoomMsg uid. */
            public uid: string;

            /** RoomMsg ts. */
            public ts: (number|Long);

            /** RoomMsg targets. */
            public targets: string[];

            /** RoomMsg targetsKnown. */
            public targetsKnown: boolean;

            /** RoomMsg id. */
            public id: string;

            /** RoomMsg type. */
            public type: string;

            /** RoomMsg broadcast. */
            public broadcast: boolean;

            /**
             * Creates a new RoomMsg instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RoomMsg instance
             */
            public static create(properties?: roomcast.queue.IRoomMsg): roomcast.queue.RoomMsg;

            /**
             * Encodes the specified RoomMsg message. Does not implicitly {@link roomcast.queue.RoomMsg.verify|verify} messages.
             * @param message RoomMsg message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: roomcast.queue.IRoomMsg, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RoomMsg message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns RoomMsg
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): roomcast.queue.RoomMsg;

            /**
             * Gets the default type url for RoomMsg
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }
    }
}
