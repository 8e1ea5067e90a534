/* outer /* inner: DROP TABLE a; */ still a comment: DROP TABLE b; */
CREATE TABLE c (id int);
