import torch
from torch import nn

torch.manual_seed(0)
device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else torch.device("cpu")
)

# A batch of 6 sequences, each 7 steps long with 3 features per step.
batch, steps, features, units = 6, 7, 3, 5
x = torch.randn(batch, steps, features, device=device)

# PyTorch's recurrent layers read (steps, batch, features) unless batch_first=True.
assert nn.LSTM(features, units).batch_first is False  # proof: batch-first
rnn = nn.RNN(features, units, batch_first=True).to(device)
lstm = nn.LSTM(features, units, batch_first=True).to(device)
gru = nn.GRU(features, units, batch_first=True).to(device)

# A PyTorch layer always returns the whole sequence and the final state.
sequence, (h, c) = lstm(x)
print(
    f"LSTM sequence: {tuple(sequence.shape)}, h: {tuple(h.shape)}, c: {tuple(c.shape)}"
)
# proof: returns
assert sequence.shape == (batch, steps, units) and h.shape == (1, batch, units)
# The final hidden state is the last step of the sequence (one layer, one direction).
assert torch.equal(sequence[:, -1], h[0])
# The plain RNN and the GRU return the same pair: every step's output, the final state.
assert all(len(layer(x)) == 2 for layer in (rnn, gru))  # proof: returns-all
# The state's leading axis is num_layers * num_directions, even with batch_first=True.
# (batch is 6, not 2 * 2, so a batch-first state would fail the assert.)
deep = nn.GRU(features, units, num_layers=2, bidirectional=True, batch_first=True).to(
    device
)
print(f"2-layer bidirectional GRU h: {tuple(deep(x)[1].shape)}")
assert deep(x)[1].shape == (2 * 2, batch, units)  # proof: state-axis

# PyTorch keeps two bias vectors per gate block: b_ih for the input, b_hh for the state.
print(f"LSTM weights: {[name for name, _ in lstm.named_parameters()]}")
params = {"layer": [], "weights": [], "biases": []}
for name, layer in [("RNN", rnn), ("LSTM", lstm), ("GRU", gru)]:
    params["layer"].append(name)
    params["weights"].append(
        sum(p.numel() for n, p in layer.named_parameters() if "weight" in n)
    )
    params["biases"].append(
        sum(p.numel() for n, p in layer.named_parameters() if "bias" in n)
    )
    print(f"{name}: {params['weights'][-1]} weights + {params['biases'][-1]} biases")

# The weight counts agree across the frameworks; the bias counts do not.
n_weights = params["weights"]
# Gate blocks: 1 for RNN, 4 for LSTM, 3 for GRU; two biases per block here.
gates = [1, 4, 3]
# proof: weights
assert params["weights"] == [g * units * (features + units) for g in gates]
assert params["biases"] == [2 * g * units for g in gates]  # proof: biases
