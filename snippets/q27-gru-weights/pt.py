import numpy as np
import torch
from torch import nn

# On GPUs, cuDNN's recurrent kernels may round float32 to TF32; "ieee" keeps full
# float32.
torch.backends.cudnn.rnn.fp32_precision = "ieee"
device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else torch.device("cpu")
)

# The same seeded NumPy arrays in both files: 3 gate blocks in PyTorch's order r, z, n.
batch, steps, features, units = 2, 6, 3, 4
rng = np.random.default_rng(1)
x = rng.normal(size=(batch, steps, features)).astype("float32")
w_x = rng.normal(scale=0.5, size=(3, units, features)).astype("float32")
w_h = rng.normal(scale=0.5, size=(3, units, units)).astype("float32")
b_x = rng.normal(scale=0.1, size=(3, units)).astype("float32")
b_h = rng.normal(scale=0.1, size=(3, units)).astype("float32")

# PyTorch takes the blocks as they are: reset r, update z, new n, stacked along the
# rows.
gru = nn.GRU(features, units, batch_first=True).to(device)
with torch.no_grad():
    gru.weight_ih_l0.copy_(torch.from_numpy(w_x.reshape(3 * units, features)))
    gru.weight_hh_l0.copy_(torch.from_numpy(w_h.reshape(3 * units, units)))
    gru.bias_ih_l0.copy_(torch.from_numpy(b_x.reshape(-1)))
    gru.bias_hh_l0.copy_(torch.from_numpy(b_h.reshape(-1)))
n_params = sum(p.numel() for p in gru.parameters())
print(f"parameters: {n_params}")

with torch.no_grad():
    sequence, h = gru(torch.from_numpy(x).to(device))
sequence, h = sequence.cpu(), h[0].cpu()
print(f"last output of sequence 0: {sequence[0, -1].numpy()}")
assert torch.equal(sequence[:, -1], h)  # proof: last-step

# Moving the recurrent bias into the input bias, as an LSTM would allow, changes the
# output far more than the agreement box's 1e-5.
with torch.no_grad():
    gru.bias_ih_l0 += gru.bias_hh_l0
    gru.bias_hh_l0.zero_()
    merged, _ = gru(torch.from_numpy(x).to(device))
merged = (merged.cpu() - sequence).abs().max().item()
print(f"largest change: biases merged {merged:.3f}")
assert merged > 1e-3  # proof: biases-apart
