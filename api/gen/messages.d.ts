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
            HISTORY = 8,
            RECALL = 9,
            ACK = 10,
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

            /** Err messageID */
            messageID?: (string|null);

            /** Err recovery */
            recovery?: (roomcast.protocol.IRecovery|null);
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

            /** Err messageID. */
            public messageID: string;

            /** Err recovery. */
            public recovery?: (roomcast.protocol.IRecovery|null);

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

        /** Properties of a Position. */
        interface IPosition {

            /** Position epoch */
            epoch?: (string|null);

            /** Position offset */
            offset?: (number|Long|null);
        }

        /** Represents a Position. */
        class Position implements IPosition {

            /**
             * Constructs a new Position.
             * @param [properties] Properties to set
             */
            constructor(properties?: roomcast.protocol.IPosition);

            /** Position epoch. */
            public epoch: string;

            /** Position offset. */
            public offset: (number|Long);

            /**
             * Creates a new Position instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Position instance
             */
            public static create(properties?: roomcast.protocol.IPosition): roomcast.protocol.Position;

            /**
             * Encodes the specified Position message. Does not implicitly {@link roomcast.protocol.Position.verify|verify} messages.
             * @param message Position message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: roomcast.protocol.IPosition, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Position message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns Position
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): roomcast.protocol.Position;

            /**
             * Gets the default type url for Position
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of a Recovery. */
        interface IRecovery {

            /** Recovery recovered */
            recovered?: (boolean|null);

            /** Recovery epoch */
            epoch?: (string|null);

            /** Recovery offset */
            offset?: (number|Long|null);

            /** Recovery reason */
            reason?: (string|null);

            /** Recovery count */
            count?: (number|null);
        }

        /** Represents a Recovery. */
        class Recovery implements IRecovery {

            /**
             * Constructs a new Recovery.
             * @param [properties] Properties to set
             */
            constructor(properties?: roomcast.protocol.IRecovery);

            /** Recovery recovered. */
            public recovered: boolean;

            /** Recovery epoch. */
            public epoch: string;

            /** Recovery offset. */
            public offset: (number|Long);

            /** Recovery reason. */
            public reason: string;

            /** Recovery count. */
            public count: number;

            /**
             * Creates a new Recovery instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Recovery instance
             */
            public static create(properties?: roomcast.protocol.IRecovery): roomcast.protocol.Recovery;

            /**
             * Encodes the specified Recovery message. Does not implicitly {@link roomcast.protocol.Recovery.verify|verify} messages.
             * @param message Recovery message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: roomcast.protocol.IRecovery, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Recovery message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns Recovery
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): roomcast.protocol.Recovery;

            /**
             * Gets the default type url for Recovery
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

            /** SignIn recover */
            recover?: (roomcast.protocol.IPosition|null);
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

            /** SignIn recover. */
            public recover?: (roomcast.protocol.IPosition|null);

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

            /** Room recover */
            recover?: (roomcast.protocol.IPosition|null);
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

            /** Room recover. */
            public recover?: (roomcast.protocol.IPosition|null);

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

            /** BroadcastRoomReq epoch */
            epoch?: (string|null);

            /** BroadcastRoomReq offset */
            offset?: (number|Long|null);

            /** BroadcastRoomReq ids */
            ids?: (string[]|null);

            /** BroadcastRoomReq ack */
            ack?: (boolean|null);
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

            /** BroadcastRoomReq epoch. */
            public epoch: string;

            /** BroadcastRoomReq offset. */
            public offset: (number|Long);

            /** BroadcastRoomReq ids. */
            public ids: string[];

            /** BroadcastRoomReq ack. */
            public ack: boolean;

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

            /** Delivery epoch */
            epoch?: (string|null);

            /** Delivery ack */
            ack?: (boolean|null);
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

            /** Delivery epoch. */
            public epoch: string;

            /** Delivery ack. */
            public ack: boolean;

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

            /** Delivered id */
            id?: (string|null);

            /** Delivered offset */
            offset?: (number|Long|null);
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

            /** Delivered id. */
            public id: string;

            /** Delivered offset. */
            public offset: (number|Long);

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

        /** Properties of a HistoryReq. */
        interface IHistoryReq {

            /** HistoryReq roomID */
            roomID?: (string|null);

            /** HistoryReq since */
            since?: (roomcast.protocol.IPosition|null);

            /** HistoryReq limit */
            limit?: (number|null);
        }

        /** Represents a HistoryReq. */
        class HistoryReq implements IHistoryReq {

            /**
             * Constructs a new HistoryReq.
             * @param [properties] Properties to set
             */
            constructor(properties?: roomcast.protocol.IHistoryReq);

            /** HistoryReq roomID. */
            public roomID: string;

            /** HistoryReq since. */
            public since?: (roomcast.protocol.IPosition|null);

            /** HistoryReq limit. */
            public limit: number;

            /**
             * Creates a new HistoryReq instance using the specified properties.
             * @param [properties] Properties to set
             * @returns HistoryReq instance
             */
            public static create(properties?: roomcast.protocol.IHistoryReq): roomcast.protocol.HistoryReq;

            /**
             * Encodes the specified HistoryReq message. Does not implicitly {@link roomcast.protocol.HistoryReq.verify|verify} messages.
             * @param message HistoryReq message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: roomcast.protocol.IHistoryReq, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a HistoryReq message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns HistoryReq
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): roomcast.protocol.HistoryReq;

            /**
             * Gets the default type url for HistoryReq
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of a HistoryReply. */
        interface IHistoryReply {

            /** HistoryReply roomID */
            roomID?: (string|null);

            /** HistoryReply epoch */
            epoch?: (string|null);

            /** HistoryReply offset */
            offset?: (number|Long|null);

            /** HistoryReply messages */
            messages?: (roomcast.protocol.IStoredMessage[]|null);

            /** HistoryReply more */
            more?: (boolean|null);

            /** HistoryReply reason */
            reason?: (string|null);
        }

        /** Represents a HistoryReply. */
        class HistoryReply implements IHistoryReply {

            /**
             * Constructs a new HistoryReply.
             * @param [properties] Properties to set
             */
            constructor(properties?: roomcast.protocol.IHistoryReply);

            /** HistoryReply roomID. */
            public roomID: string;

            /** HistoryReply epoch. */
            public epoch: string;

            /** HistoryReply offset. */
            public offset: (number|Long);

            /** HistoryReply messages. */
            public messages: roomcast.protocol.IStoredMessage[];

            /** HistoryReply more. */
            public more: boolean;

            /** HistoryReply reason. */
            public reason: string;

            /**
             * Creates a new HistoryReply instance using the specified properties.
             * @param [properties] Properties to set
             * @returns HistoryReply instance
             */
            public static create(properties?: roomcast.protocol.IHistoryReply): roomcast.protocol.HistoryReply;

            /**
             * Encodes the specified HistoryReply message. Does not implicitly {@link roomcast.protocol.HistoryReply.verify|verify} messages.
             * @param message HistoryReply message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: roomcast.protocol.IHistoryReply, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a HistoryReply message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns HistoryReply
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): roomcast.protocol.HistoryReply;

            /**
             * Gets the default type url for HistoryReply
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of a StoredMessage. */
        interface IStoredMessage {

            /** StoredMessage offset */
            offset?: (number|Long|null);

            /** StoredMessage id */
            id?: (string|null);

            /** StoredMessage type */
            type?: (string|null);

            /** StoredMessage msgLv */
            msgLv?: (roomcast.protocol.MsgLevel|null);

            /** StoredMessage data */
            data?: (Uint8Array|null);

            /** StoredMessage text */
            text?: (string|null);

            /** StoredMessage ts */
            ts?: (number|Long|null);

            /** StoredMessage uid */
            uid?: (string|null);
        }

        /** Represents a StoredMessage. */
        class StoredMessage implements IStoredMessage {

            /**
             * Constructs a new StoredMessage.
             * @param [properties] Properties to set
             */
            constructor(properties?: roomcast.protocol.IStoredMessage);

            /** StoredMessage offset. */
            public offset: (number|Long);

            /** StoredMessage id. */
            public id: string;

            /** StoredMessage type. */
            public type: string;

            /** StoredMessage msgLv. */
            public msgLv: roomcast.protocol.MsgLevel;

            /** StoredMessage data. */
            public data: Uint8Array;

            /** StoredMessage text. */
            public text: string;

            /** StoredMessage ts. */
            public ts: (number|Long);

            /** StoredMessage uid. */
            public uid: string;

            /**
             * Creates a new StoredMessage instance using the specified properties.
             * @param [properties] Properties to set
             * @returns StoredMessage instance
             */
            public static create(properties?: roomcast.protocol.IStoredMessage): roomcast.protocol.StoredMessage;

            /**
             * Encodes the specified StoredMessage message. Does not implicitly {@link roomcast.protocol.StoredMessage.verify|verify} messages.
             * @param message StoredMessage message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: roomcast.protocol.IStoredMessage, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a StoredMessage message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns StoredMessage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): roomcast.protocol.StoredMessage;

            /**
             * Gets the default type url for StoredMessage
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of a Recall. */
        interface IRecall {

            /** Recall roomID */
            roomID?: (string|null);

            /** Recall id */
            id?: (string|null);
        }

        /** Represents a Recall. */
        class Recall implements IRecall {

            /**
             * Constructs a new Recall.
             * @param [properties] Properties to set
             */
            constructor(properties?: roomcast.protocol.IRecall);

            /** Recall roomID. */
            public roomID: string;

            /** Recall id. */
            public id: string;

            /**
             * Creates a new Recall instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Recall instance
             */
            public static create(properties?: roomcast.protocol.IRecall): roomcast.protocol.Recall;

            /**
             * Encodes the specified Recall message. Does not implicitly {@link roomcast.protocol.Recall.verify|verify} messages.
             * @param message Recall message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: roomcast.protocol.IRecall, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Recall message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns Recall
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): roomcast.protocol.Recall;

            /**
             * Gets the default type url for Recall
             * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns The default type url
             */
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        /** Properties of an Ack. */
        interface IAck {

            /** Ack ids */
            ids?: (string[]|null);
        }

        /** Represents an Ack. */
        class Ack implements IAck {

            /**
             * Constructs a new Ack.
             * @param [properties] Properties to set
             */
            constructor(properties?: roomcast.protocol.IAck);

            /** Ack ids. */
            public ids: string[];

            /**
             * Creates a new Ack instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Ack instance
             */
            public static create(properties?: roomcast.protocol.IAck): roomcast.protocol.Ack;

            /**
             * Encodes the specified Ack message. Does not implicitly {@link roomcast.protocol.Ack.verify|verify} messages.
             * @param message Ack message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: roomcast.protocol.IAck, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Ack message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns Ack
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): roomcast.protocol.Ack;

            /**
             * Gets the default type url for Ack
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

            /** RoomMsg packed */
            packed?: (roomcast.queue.IRoomMsg[]|null);
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

            /** RoomMsg packed. */
            public packed: roomcast.queue.IRoomMsg[];

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
