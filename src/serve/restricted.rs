//! `brief --restricted DIR`: the reader for an sshd `command=` line.
