import GRDB
import PostgresNIO

extension PostgresTransaction: StatementRunner {
    func fetch(_ sql: String, _ arguments: [any DatabaseValueConvertible]) throws -> [PostgresRandomAccessRow] {
        try rows(PostgresSQL.numbered(sql), arguments.map(PostgresSQL.bind))
    }

    func execute(_ sql: String, _ arguments: [any DatabaseValueConvertible]) throws {
        try run(PostgresSQL.numbered(sql), arguments.map(PostgresSQL.bind))
    }
}
