-- compatible: yes
CREATE TABLE probe (id INTEGER PRIMARY KEY, note TEXT);
